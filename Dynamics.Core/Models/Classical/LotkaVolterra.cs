using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The Lotka–Volterra predator–prey model x' = αx − βxy, y' = δxy − γy (x prey, y predators).
/// Fixed points (0, 0) (saddle) and (γ/δ, α/β) (centre); V = δx − γ ln x + βy − α ln y is conserved for x, y &gt; 0.
/// </summary>
/// <param name="Alpha">Prey growth rate α &gt; 0.</param>
/// <param name="Beta">Predation rate β &gt; 0.</param>
/// <param name="Gamma">Predator death rate γ &gt; 0.</param>
/// <param name="Delta">Predator growth per prey eaten δ &gt; 0.</param>
public readonly record struct LotkaVolterra(double Alpha, double Beta, double Gamma, double Delta) : IModel, ILaneField, IJacobianField, IHasInvariants
{
    /// <summary>The textbook parameters α = 2/3, β = 4/3, γ = δ = 1. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public LotkaVolterra()
        : this(2.0 / 3, 4.0 / 3, 1.0, 1.0)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Lotka–Volterra";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("α", Alpha), ("β", Beta), ("γ", Gamma), ("δ", Delta));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["prey x", "predators y"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T alpha = parameters.Read(0, Alpha), beta = parameters.Read(1, Beta), gamma = parameters.Read(2, Gamma), delta = parameters.Read(3, Delta);
        T x = y[0], p = y[1];
        dydt[0] = alpha * x - beta * x * p;
        dydt[1] = delta * x * p - gamma * p;
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <summary>The conserved V = δx − γ ln x + βy − α ln y (in the positive quadrant).</summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var model = this;
            return [new Invariant("V = δx − γ ln x + βy − α ln y", (t, y) => model.Invariant(y))];
        }
    }

    /// <summary>The conserved quantity V = δx − γ ln x + βy − α ln y (for x, y &gt; 0).</summary>
    /// <param name="state">(x, y).</param>
    /// <returns>V.</returns>
    public double Invariant(ReadOnlySpan<double> state) =>
        Delta * state[0] - Gamma * Math.Log(state[0]) + Beta * state[1] - Alpha * Math.Log(state[1]);
}
