using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The Lorenz system (Lorenz 1963): x' = σ(y − x), y' = x(ρ − z) − y, z' = xy − βz.
/// With σ = 10, ρ = 28, β = 8/3 it has the butterfly attractor; fixed points are the origin and
/// (±√(β(ρ−1)), ±√(β(ρ−1)), ρ − 1).
/// </summary>
/// <param name="Sigma">The Prandtl number σ.</param>
/// <param name="Rho">The Rayleigh number ratio ρ.</param>
/// <param name="Beta">The geometric factor β.</param>
public readonly record struct Lorenz(double Sigma, double Rho, double Beta) : IModel, IJacobianField, ILaneField
{
    /// <summary>Lorenz's parameters σ = 10, ρ = 28, β = 8/3. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public Lorenz()
        : this(10.0, 28.0, 8.0 / 3)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 3;

    /// <inheritdoc/>
    public string Name => "Lorenz system";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("σ", Sigma), ("ρ", Rho), ("β", Beta));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["x", "y", "z"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // Fused multiply-adds: two roundings fewer shorten the step's critical path, and every width computes the same bits.
        T sigma = parameters.Read(0, Sigma), rho = parameters.Read(1, Rho), beta = parameters.Read(2, Beta);
        T x = y[0], v = y[1], z = y[2];
        dydt[0] = sigma * (v - x);
        dydt[1] = T.MultiplySubtract(x, rho - z, v);
        dydt[2] = T.MultiplySubtract(x, v, beta * z);
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);
}
