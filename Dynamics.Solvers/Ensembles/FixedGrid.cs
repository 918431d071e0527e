namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// The fixed-step time grid of the lockstep solvers, as <see cref="Integrator{TField}"/> steps it: step k ends on
/// t₀ + (k + 1)·h, computed by multiplication so long runs do not drift, and the step that comes within 1e-10·h of the
/// end lands on it exactly.
/// </summary>
internal readonly record struct FixedGrid(double StartTime, double EndTime, double StepSize)
{
    // sign(h) as ±1.0, taken once: Math.Sign is a call (it throws on NaN) and the grid is stepped for every batch.
    private readonly double _direction = StepSize < 0 ? -1.0 : 1.0;

    /// <summary>The size of step number <paramref name="index"/> from time <paramref name="t"/>; true when it lands on the end.</summary>
    public bool Step(long index, double t, out double h)
    {
        double target = StartTime + (index + 1) * StepSize;
        bool landsOnEnd = _direction * (target - EndTime) >= -1e-10 * Math.Abs(StepSize);
        h = (landsOnEnd ? EndTime : target) - t;
        return landsOnEnd;
    }
}
