using Dynamics.Fields;

namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// Rößler's SRA1 (Rößler 2010, SIAM J. Numer. Anal. 48, Table 2): a two-stage stochastic Runge–Kutta method of strong
/// order 1.5 and weak order 2 for SDEs with additive diagonal noise dX = f(t, X)dt + g(t) dW, whose diffusion does not
/// depend on the state. With c⁽⁰⁾ = (0, ¾), c⁽¹⁾ = (1, 0), A⁽⁰⁾₂₁ = ¾, B⁽⁰⁾₂₁ = 3/2, α = (⅓, ⅔), β⁽¹⁾ = (1, 0),
/// β⁽²⁾ = (−1, 1):
/// H₂ = Y + ¾h f(t, Y) + (3/2) g(t + h) ΔZ/h,
/// Y′ = Y + h(⅓f(t, Y) + ⅔f(t + ¾h, H₂)) + g(t + h)(ΔW − ΔZ/h) + g(t) ΔZ/h.
/// Through <see cref="ISdeStepper.Advance"/> alone (no ΔZ) it uses the conditional mean ΔZ = hΔW/2 and drops to strong
/// order 1; <see cref="Sde"/> always supplies ΔZ. Two drift and two diffusion evaluations per step.
/// </summary>
public sealed class RosslerSra1 : ISdeMethod
{
    /// <inheritdoc/>
    public string Name => "Rößler SRA1";

    /// <inheritdoc/>
    public double StrongOrder => 1.5;

    /// <inheritdoc/>
    public int DriftEvaluationsPerStep => 2;

    /// <inheritdoc/>
    public int WeakOrder => 2;

    /// <inheritdoc/>
    public ISdeStepper CreateStepper<TField>(TField field) where TField : IStochasticField
    {
        ArgumentNullException.ThrowIfNull(field);
        return new Stepper<TField>(field);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed class Stepper<TField>(TField field) : IAreaSdeStepper where TField : IStochasticField
    {
        private readonly double[] _f1 = new double[field.Dimension], _f2 = new double[field.Dimension], _stage = new double[field.Dimension];
        private readonly double[] _gStart = new double[field.Dimension], _gEnd = new double[field.Dimension], _areas = new double[field.Dimension];

        public long DriftEvaluations { get; private set; }

        public void Advance(double t, Span<double> y, double h, ReadOnlySpan<double> wienerIncrements)
        {
            for (int i = 0; i < _areas.Length; i++) _areas[i] = 0.5 * h * wienerIncrements[i];
            Advance(t, y, h, wienerIncrements, _areas);
        }

        public void Advance(double t, Span<double> y, double h, ReadOnlySpan<double> wienerIncrements, ReadOnlySpan<double> wienerAreas)
        {
            int n = y.Length;
            field.Evaluate(t, y, _f1);
            field.Diffusion(t, y, _gStart);
            field.Diffusion(t + h, y, _gEnd);
            double inverseH = 1 / h;
            for (int i = 0; i < n; i++) _stage[i] = y[i] + 0.75 * h * _f1[i] + 1.5 * _gEnd[i] * wienerAreas[i] * inverseH;
            field.Evaluate(t + 0.75 * h, _stage, _f2);
            DriftEvaluations += 2;
            for (int i = 0; i < n; i++)
            {
                double area = wienerAreas[i] * inverseH;
                y[i] += h * (_f1[i] / 3 + 2 * _f2[i] / 3) + _gEnd[i] * (wienerIncrements[i] - area) + _gStart[i] * area;
            }
        }
    }
}
