namespace Dynamics.Solvers.Analysis;

/// <summary>A periodic orbit found by <see cref="LimitCycles.Detect{TField}"/>, or the partial measurements of a failed search.</summary>
/// <param name="Status">Whether the search converged.</param>
/// <param name="Period">The time between the last two maxima of the component.</param>
/// <param name="Maximum">The largest value of the component on the last cycle.</param>
/// <param name="Minimum">The smallest value of the component on the last cycle.</param>
/// <param name="Component">The component measured.</param>
/// <param name="PointOnCycle">The state at the last maximum of the component (on the section f_component = 0).</param>
/// <param name="Orbit">One period of the orbit from <see cref="PointOnCycle"/> (empty unless converged).</param>
/// <param name="Cycles">How many maxima were seen.</param>
/// <param name="PeriodChange">|Tₖ − Tₖ₋₁| between the last two periods.</param>
/// <param name="PointChange">‖yₖ − yₖ₋₁‖∞ between the last two returns to the section.</param>
/// <param name="Message">A sentence saying how the search ended.</param>
public sealed record LimitCycle(
    LimitCycleStatus Status,
    double Period,
    double Maximum,
    double Minimum,
    int Component,
    double[] PointOnCycle,
    Trajectory Orbit,
    int Cycles,
    double PeriodChange,
    double PointChange,
    string Message)
{
    /// <summary>The amplitude (Maximum − Minimum)/2, half the peak-to-peak range of the component.</summary>
    public double Amplitude => 0.5 * (Maximum - Minimum);

    /// <summary>Whether a periodic orbit was found.</summary>
    public bool Converged => Status == LimitCycleStatus.Converged;
}
