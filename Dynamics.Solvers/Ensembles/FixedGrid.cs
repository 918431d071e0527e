using System.Runtime.CompilerServices;

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Step(long index, double t, out double h)
    {
        double target = StartTime + (index + 1) * StepSize;
        bool landsOnEnd = _direction * (target - EndTime) >= -1e-10 * Math.Abs(StepSize);
        h = (landsOnEnd ? EndTime : target) - t;
        return landsOnEnd;
    }

    /// <summary>
    /// Steps <paramref name="first"/>, <paramref name="first"/> + 1, … from <paramref name="t"/>: their start times and
    /// sizes, as many as <paramref name="times"/> holds, up to step <paramref name="maxSteps"/> − 1 or the one that lands
    /// on the end; <paramref name="t"/> becomes where the last one ends. The time stays in a register here (inlined
    /// into the batch loop, it went through the stack at every step, 1–2 % of a 1,000-step RK4 solve).
    /// </summary>
    /// <returns>How many steps were written.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Block(long first, long maxSteps, ref double t, Span<double> times, Span<double> sizes, out bool landsOnEnd)
    {
        int length = (int)Math.Min(Math.Min(times.Length, sizes.Length), maxSteps - first);
        double time = t;
        int taken = 0;
        landsOnEnd = false;
        while (!landsOnEnd && taken < length)
        {
            landsOnEnd = Step(first + taken, time, out double h);
            times[taken] = time;
            sizes[taken] = h;
            taken++;
            time = landsOnEnd ? EndTime : time + h;
        }

        t = time;
        return taken;
    }
}
