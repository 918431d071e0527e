using Dynamics.Models.Diffusion;
using Dynamics.Validation;

namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// The argument rule the continuous-time samplers and likelihoods share: the time where a flow starts or stops short of
/// pure noise lies in [0, T) of its diffusion.
/// </summary>
internal static class ScheduleTime
{
    /// <summary>Throws, naming <paramref name="name"/> and the value, unless <paramref name="time"/> ∈ [0, T).</summary>
    /// <param name="schedule">The diffusion (not null).</param>
    /// <param name="time">The time to check.</param>
    /// <param name="name">The parameter's name.</param>
    /// <returns>T, the schedule's end time.</returns>
    public static double RequireBeforeEnd(IContinuousSchedule schedule, double time, string name)
    {
        double end = schedule.EndTime;
        if (!(time >= 0 && time < end))
            throw new ArgumentOutOfRangeException(name, time, $"{name} must lie in [0, {Require.Format(end)}), but was {Require.Format(time)}.");
        return end;
    }
}
