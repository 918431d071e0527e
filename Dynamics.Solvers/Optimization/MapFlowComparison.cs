using Dynamics.Fields;
using Dynamics.Maps;
using Dynamics.Problems;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Validation;

namespace Dynamics.Solvers.Optimization;

/// <summary>
/// Compares a discrete map with the flow it discretises (Su's reading of every optimizer as an ODE solver,
/// kexue.fm/archives/5655): the flow is integrated with Verner 8 at a tight tolerance to exactly the map's recorded
/// times, and the gap in the compared leading components (θ, or (φ, θ) for a GAN) is measured there. Repeating this
/// for several learning rates gives the gap's order in γ.
/// </summary>
public static class MapFlowComparison
{
    /// <summary>Compares <paramref name="map"/> with the flow started from <paramref name="flowInitialState"/>.</summary>
    /// <typeparam name="TField">The flow's type.</typeparam>
    /// <param name="map">The map's iterates (their times must not decrease).</param>
    /// <param name="flow">The continuous flow.</param>
    /// <param name="flowInitialState">The flow's initial state (e.g. (θ₀, η₀) for the heavy ball).</param>
    /// <param name="components">How many leading components to compare (≤ both dimensions).</param>
    /// <param name="tolerance">rtol = atol of the reference solve (default 1e-12).</param>
    /// <returns>The two trajectories and their gap.</returns>
    public static MapFlowGap Compare<TField>(MapTrajectory map, TField flow, ReadOnlySpan<double> flowInitialState, int components, double tolerance = 1e-12)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(flow);
        Require.Length(flowInitialState.Length, flow.Dimension, nameof(flowInitialState));
        Require.AtLeast(components, 1, nameof(components));
        if (components > Math.Min(map.Dimension, flow.Dimension))
            throw new ArgumentOutOfRangeException(nameof(components), components,
                $"components must be at most min(map dimension {map.Dimension}, flow dimension {flow.Dimension}), but was {components}.");
        Require.Positive(tolerance, nameof(tolerance));
        for (int k = 1; k < map.Count; k++)
        {
            if (map.Times[k] < map.Times[k - 1])
                throw new ArgumentException($"The map's times must not decrease, but times[{k - 1}] = {Require.Format(map.Times[k - 1])} and times[{k}] = {Require.Format(map.Times[k])}.", nameof(map));
        }

        // A map step that covers no flow time (an adaptive step at an exact critical point) repeats a time; the flow
        // is sampled once per distinct time.
        var distinct = map.Times.Distinct().ToArray();
        var flowAt = new Dictionary<double, double[]> { [distinct[0]] = flowInitialState[..components].ToArray() };
        var status = SolveStatus.Success;
        string message = "No time to integrate.";
        if (distinct.Length > 1)
        {
            var problem = OdeProblem.Create(flow, flowInitialState, distinct[0], distinct[^1]);
            var options = SolverOptions.WithTolerance(tolerance) with { SaveAt = SaveAt.Times(distinct), MaxSteps = 10_000_000 };
            var solution = Ode.Solve(problem, new Verner8(), options);
            status = solution.Status;
            message = solution.Message;
            for (int i = 0; i < solution.Count; i++) flowAt[solution.Times[i]] = solution.State(i)[..components].ToArray();
        }

        var times = new List<double>();
        var mapStates = new List<double[]>();
        var flowStates = new List<double[]>();
        var gaps = new List<double>();
        for (int k = 0; k < map.Count; k++)
        {
            if (!flowAt.TryGetValue(map.Times[k], out var reference)) break;
            var state = map.State(k)[..components].ToArray();
            double sum = 0;
            for (int i = 0; i < components; i++) sum += (state[i] - reference[i]) * (state[i] - reference[i]);
            times.Add(map.Times[k]);
            mapStates.Add(state);
            flowStates.Add(reference);
            gaps.Add(Math.Sqrt(sum));
        }

        return new MapFlowGap([.. times], [.. mapStates], [.. flowStates], [.. gaps], status, message);
    }

    /// <summary>
    /// Runs <paramref name="compare"/> for each learning rate (each run should end at the same flow time) and fits the
    /// order of the final gap in γ.
    /// </summary>
    /// <param name="learningRates">At least two distinct positive learning rates.</param>
    /// <param name="compare">Builds the map for a learning rate, runs it to the common time and compares it with the flow.</param>
    /// <returns>The gaps and the observed order.</returns>
    public static GapScaling Scaling(IReadOnlyList<double> learningRates, Func<double, MapFlowGap> compare)
    {
        ArgumentNullException.ThrowIfNull(learningRates);
        ArgumentNullException.ThrowIfNull(compare);
        if (learningRates.Count < 2) throw new ArgumentException($"Scaling needs at least two learning rates, but got {learningRates.Count}.", nameof(learningRates));
        for (int k = 0; k < learningRates.Count; k++) Require.Positive(learningRates[k], $"learningRates[{k}]");
        if (learningRates.Distinct().Count() != learningRates.Count) throw new ArgumentException("The learning rates must be distinct.", nameof(learningRates));
        var gaps = new double[learningRates.Count];
        for (int k = 0; k < gaps.Length; k++)
        {
            var gap = compare(learningRates[k]);
            if (gap is null) throw new ArgumentException($"compare returned null for learning rate {Require.Format(learningRates[k])}.", nameof(compare));
            gaps[k] = gap.FinalGap;
        }

        return new GapScaling([.. learningRates], gaps);
    }
}
