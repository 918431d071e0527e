using Dynamics.Fields;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// The Dormand–Prince 5(4) step with Hairer's stiffness detection (DOPRI5, Hairer, Nørsett &amp; Wanner I, §II.10):
/// after each attempt, h·ρ ≈ h‖k₇ − k₆‖/‖y₁ − Y₆‖, where k₆ = f(Y₆) and k₇ = f(y₁) are the last two stages, estimates
/// h times the dominant eigenvalue's modulus; values near DP5's stability boundary (≈ 3.3 on the negative real axis)
/// mean the step is limited by stability rather than accuracy.
/// </summary>
internal sealed class StiffnessDetectingStepper<TField>(TField field, ButcherTableau tableau)
    : ExplicitRungeKuttaStepper<TField>(field, tableau) where TField : IVectorField
{
    private readonly int _n = field.Dimension, _stages = tableau.Stages;

    /// <summary>h·ρ of the last attempt (0 when the stages coincide).</summary>
    public double StiffnessRatio { get; private set; }

    public override void Attempt(double t, ReadOnlySpan<double> y, double h, Span<double> yNew, Span<double> errorEstimate)
    {
        base.Attempt(t, y, h, yNew, errorEstimate);
        // With FSAL the last stage is f(y₁) and the state of the stage before it is left in StageState.
        var last = Stage(_stages - 1);
        var previous = Stage(_stages - 2);
        var previousState = StageState;
        double numerator = 0, denominator = 0;
        for (int i = 0; i < _n; i++)
        {
            double df = last[i] - previous[i], dy = yNew[i] - previousState[i];
            numerator += df * df;
            denominator += dy * dy;
        }

        StiffnessRatio = denominator > 0 ? Math.Abs(h) * Math.Sqrt(numerator / denominator) : 0;
    }
}
