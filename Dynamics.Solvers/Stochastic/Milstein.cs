using Dynamics.Fields;

namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// Milstein's method in Platen's derivative-free form (Kloeden &amp; Platen 1992, eq. 11.1.7): with
/// Υ = X + f h + g√h,
/// X′ = X + f(t, X)h + g(t, X)ΔW + (g(t, Υ) − g(t, X))(ΔW² − h)/(2√h),
/// where the finite difference replaces the Milstein term ½g g′(ΔW² − h). Strong order 1 and weak order 1 for diagonal
/// noise whose amplitude gᵢ depends on the state only through xᵢ (e.g. geometric Brownian motion); with additive noise it
/// is Euler–Maruyama. One drift and two diffusion evaluations per step.
/// </summary>
public sealed class Milstein : ISdeMethod
{
    /// <inheritdoc/>
    public string Name => "Milstein (derivative-free)";

    /// <inheritdoc/>
    public double StrongOrder => 1;

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
        private readonly double[] _drift = new double[field.Dimension], _g = new double[field.Dimension];
        private readonly double[] _support = new double[field.Dimension], _gSupport = new double[field.Dimension];

        public long DriftEvaluations { get; private set; }

        public void Advance(double t, Span<double> y, double h, ReadOnlySpan<double> wienerIncrements)
        {
            field.Evaluate(t, y, _drift);
            field.Diffusion(t, y, _g);
            DriftEvaluations++;
            double rootH = Math.Sqrt(h);
            for (int i = 0; i < y.Length; i++) _support[i] = y[i] + _drift[i] * h + _g[i] * rootH;
            field.Diffusion(t, _support, _gSupport);
            double inverse = 1 / (2 * rootH);
            for (int i = 0; i < y.Length; i++)
            {
                double dw = wienerIncrements[i];
                y[i] += _drift[i] * h + _g[i] * dw + (_gSupport[i] - _g[i]) * (dw * dw - h) * inverse;
            }
        }
    }
}
