using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Solvers.Events;
using Dynamics.Validation;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// Detects a periodic orbit from one trajectory with a Poincaré section (Strogatz §8.7): the section is
/// f_c(y) = 0 crossed downwards, i.e. the maxima of component c, located as events on the solver's interpolant. The
/// trajectory is followed until two successive periods and two successive returns to the section agree; the period is
/// the time between returns and the amplitude half the component's peak-to-peak range over the last cycle. A damped
/// oscillation into an equilibrium is rejected because its returns keep moving by a fixed fraction of the shrinking
/// range, and so is an oscillation smaller than 1e-8 of the state's size, which is rounding noise at an equilibrium. Around a centre every orbit is periodic, and the one through the start is returned.
/// </summary>
public static class LimitCycles
{
    // An oscillation whose peak-to-peak range is below this times (1 + ‖y‖∞) is rounding noise around an equilibrium
    // (e.g. a decay that has reached subnormal numbers), not a cycle.
    private const double MinimumRange = 1e-8;

    /// <summary>Follows the trajectory from <paramref name="initialState"/> until it settles on a periodic orbit.</summary>
    /// <typeparam name="TField">The field type (autonomous fields; a non-autonomous one is frozen nowhere and rarely has cycles).</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="initialState">The start, in the basin of the cycle.</param>
    /// <param name="options">The options (default <see cref="LimitCycleOptions.Default"/>).</param>
    /// <returns>The cycle, or the partial measurements with a status saying why none was found.</returns>
    public static LimitCycle Detect<TField>(TField field, ReadOnlySpan<double> initialState, LimitCycleOptions? options = null)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        options ??= LimitCycleOptions.Default;
        Validate(options, field.Dimension);
        int c = options.Component, n = field.Dimension, direction = options.Backward ? -1 : 1;
        var derivative = new double[n];
        double Velocity(double t, ReadOnlySpan<double> y)
        {
            field.Evaluate(t, y, derivative);
            return derivative[c];
        }

        var problem = OdeProblem.Create(field, initialState, 0, direction * options.MaxTime);
        var solverOptions = SolverOptions.WithTolerance(options.SolverTolerance) with
        {
            SaveAt = SaveAt.End,
            Events = [OdeEvent.Record("section", Velocity)],
        };
        var integrator = Ode.CreateIntegrator(problem, options.Method, solverOptions);
        // In integration order a maximum of y_c is a fall of dy_c/dt forwards in time and a rise backwards.
        var maximumDirection = direction > 0 ? EventDirection.Falling : EventDirection.Rising;
        var maxima = new List<EventOccurrence>();
        double lastMinimum = double.NaN, cycleMinimum = double.NaN;
        double previousPeriod = double.NaN, period = double.NaN, periodChange = double.NaN, pointChange = double.NaN;
        bool significant = false;
        int seen = 0;
        while (integrator.Step())
        {
            var events = integrator.Events;
            for (; seen < events.Count; seen++)
            {
                var occurrence = events[seen];
                if (occurrence.Direction != maximumDirection)
                {
                    lastMinimum = double.IsNaN(lastMinimum) ? occurrence.State[c] : Math.Min(lastMinimum, occurrence.State[c]);
                    continue;
                }

                maxima.Add(occurrence);
                cycleMinimum = lastMinimum;
                lastMinimum = double.NaN;
                if (maxima.Count < 2) continue;
                previousPeriod = period;
                period = Math.Abs(maxima[^1].Time - maxima[^2].Time);
                periodChange = Math.Abs(period - previousPeriod);
                pointChange = MaxDifference(maxima[^1].State, maxima[^2].State);
                double range = maxima[^1].State[c] - cycleMinimum;
                significant = range > MinimumRange * (1 + MaxAbs(maxima[^1].State));
                if (maxima.Count >= 3 && significant && periodChange <= options.Tolerance * period && pointChange <= options.Tolerance * range)
                {
                    var orbit = Orbit(field, maxima[^1].State, direction * period, options);
                    return new LimitCycle(LimitCycleStatus.Converged, period, maxima[^1].State[c], cycleMinimum, c, maxima[^1].State, orbit,
                        maxima.Count, periodChange, pointChange,
                        $"Converged after {maxima.Count} returns to the section: period {Require.Format(period)}.");
                }
            }
        }

        var empty = new Trajectory([], [], n);
        var last = maxima.Count > 0 ? maxima[^1].State : integrator.State.ToArray();
        double maximum = maxima.Count > 0 ? maxima[^1].State[c] : double.NaN;
        if (integrator.Status != SolveStatus.Success)
        {
            return new LimitCycle(LimitCycleStatus.SolverFailed, period, maximum, cycleMinimum, c, last, empty, maxima.Count, periodChange,
                pointChange, $"The solver stopped: {integrator.Message}");
        }

        return maxima.Count < 3 || !significant
            ? new LimitCycle(LimitCycleStatus.NoOscillation, period, maximum, cycleMinimum, c, last, empty, maxima.Count, periodChange, pointChange,
                $"No oscillation of component {c} above rounding noise persists to t = {Require.Format(options.MaxTime)}: the trajectory does not oscillate.")
            : new LimitCycle(LimitCycleStatus.NotConverged, period, maximum, cycleMinimum, c, last, empty, maxima.Count, periodChange, pointChange,
                $"Returns to the section still moved by {Require.Format(pointChange)} after {maxima.Count} cycles (range {Require.Format(maximum - cycleMinimum)}).");
    }

    private static Trajectory Orbit<TField>(TField field, double[] start, double signedPeriod, LimitCycleOptions options) where TField : IVectorField
    {
        var solverOptions = SolverOptions.WithTolerance(options.SolverTolerance) with { SaveAt = SaveAt.Dense };
        return Trajectory.Refine(Ode.Solve(OdeProblem.Create(field, start, 0, signedPeriod), options.Method, solverOptions), options.PointsPerStep);
    }

    private static double MaxAbs(double[] a)
    {
        double m = 0;
        foreach (double v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    private static double MaxDifference(double[] a, double[] b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d = Math.Max(d, Math.Abs(a[i] - b[i]));
        return d;
    }

    private static void Validate(LimitCycleOptions options, int dimension)
    {
        Require.Component(options.Component, dimension, nameof(options.Component));
        Require.Positive(options.Tolerance, nameof(options.Tolerance));
        Require.Positive(options.MaxTime, nameof(options.MaxTime));
        Require.Positive(options.SolverTolerance, nameof(options.SolverTolerance));
        Require.AtLeast(options.PointsPerStep, 1, nameof(options.PointsPerStep));
        ArgumentNullException.ThrowIfNull(options.Method, nameof(options.Method));
    }
}
