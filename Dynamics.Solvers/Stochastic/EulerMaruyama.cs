using Dynamics.Fields;

namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// Euler–Maruyama (Maruyama 1955; Kloeden &amp; Platen, "Numerical Solution of SDEs", §9.1):
/// Xₙ₊₁ = Xₙ + f(tₙ, Xₙ)h + g(tₙ, Xₙ)⊙ΔWₙ. Strong order ½ (1 for additive noise), weak order 1. On Langevin dynamics
/// it is SGD with learning rate h (kexue.fm/archives/5655).
/// </summary>
public sealed class EulerMaruyama : ISdeMethod
{
    /// <inheritdoc/>
    public string Name => "Euler–Maruyama";

    /// <inheritdoc/>
    public double StrongOrder => 0.5;

    /// <inheritdoc/>
    public int DriftEvaluationsPerStep => 1;

    /// <inheritdoc/>
    public int WeakOrder => 1;

    /// <inheritdoc/>
    public ISdeStepper CreateStepper<TField>(TField field) where TField : IStochasticField
    {
        ArgumentNullException.ThrowIfNull(field);
        return new Stepper<TField>(field);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed class Stepper<TField>(TField field) : ISdeStepper where TField : IStochasticField
    {
        private readonly double[] _drift = new double[field.Dimension], _diffusion = new double[field.Dimension];

        public long DriftEvaluations { get; private set; }

        public void Advance(double t, Span<double> y, double h, ReadOnlySpan<double> wienerIncrements)
        {
            field.Evaluate(t, y, _drift);
            field.Diffusion(t, y, _diffusion);
            DriftEvaluations++;
            for (int i = 0; i < y.Length; i++) y[i] += _drift[i] * h + _diffusion[i] * wienerIncrements[i];
        }
    }
}
