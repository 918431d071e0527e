using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>Exponential decay dy/dt = −k·y, the simplest test problem: y(t) = y₀·e^{−k(t−t₀)}.</summary>
/// <param name="Rate">The decay rate k (1/time); negative k gives growth.</param>
public readonly record struct ExponentialDecay(double Rate) : IModel, ILaneField, IJacobianField
{
    /// <summary>The standard problem with k = 1. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public ExponentialDecay()
        : this(1.0)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 1;

    /// <inheritdoc/>
    public string Name => "Exponential decay";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("k", Rate));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["y"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        dydt[0] = -parameters.Read(0, Rate) * y[0];
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <summary>The exact solution y₀·e^{−k·elapsed}.</summary>
    /// <param name="initialValue">y₀.</param>
    /// <param name="elapsed">t − t₀.</param>
    /// <returns>y(t).</returns>
    public double Exact(double initialValue, double elapsed) => initialValue * Math.Exp(-Rate * elapsed);
}
