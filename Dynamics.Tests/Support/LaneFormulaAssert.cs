using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Simd;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Support;

/// <summary>
/// Checks that a model's one formula gives the same thing on every path: each member in its own SIMD lane (with its
/// own parameters and time) against the member's scalar Evaluate, a whole ensemble in lanes against lone solves, and the
/// dual-number Jacobian against central differences.
/// </summary>
internal static class LaneFormulaAssert
{
    /// <summary>
    /// Runs member l of <paramref name="members"/> (cycled to fill the lanes) at time times[l] and state states[l] in
    /// lane l of one group of the widest lanes the machine has, and asserts every lane equals its scalar Evaluate to the bit.
    /// </summary>
    public static void LanesMatchScalar<TField>(IReadOnlyList<TField> members, IReadOnlyList<double> times, IReadOnlyList<double[]> states)
        where TField : ILaneField
    {
        if (Lane512.IsHardwareAccelerated) LanesMatchScalar<TField, Lane512>(members, times, states);
        if (Lane256.IsHardwareAccelerated) LanesMatchScalar<TField, Lane256>(members, times, states);
        LanesMatchScalar<TField, ScalarLane>(members, times, states);
    }

    /// <summary>
    /// Solves <paramref name="sweep"/> in SIMD lanes with Dormand–Prince 5 at tolerance 1e-8 and asserts each member
    /// succeeds with the step statistics and the final state, to the bit, of its lone scalar solve.
    /// </summary>
    public static void SimdLanesMatchLoneSolves<TField>(EnsembleProblem<TField> sweep) where TField : struct, ILaneField
    {
        var options = new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End } };
        var lanes = Ensemble.Solve(sweep, new DormandPrince5(), EnsembleStrategy.SimdLanes, options);
        for (int m = 0; m < sweep.Count; m++)
        {
            var alone = Ode.Solve(sweep.MemberProblem(m), new DormandPrince5(), options.Solver);
            Assert.Equal(SolveStatus.Success, lanes.Status(m));
            Assert.Equal(alone.Statistics, lanes.Statistics(m));
            Assert.Equal(alone.FinalState.ToArray(), lanes.FinalState(m).ToArray());
        }
    }

    /// <summary>Asserts the automatic Jacobian equals central differences of Evaluate within <paramref name="tolerance"/> relative to max(1, largest |entry|).</summary>
    public static void JacobianMatchesDifferences<TField>(TField field, double t, double[] y, double tolerance) where TField : ILaneField
    {
        int n = field.Dimension;
        var automatic = new double[n * n];
        LaneField.Jacobian(field, t, y, automatic);
        double scale = Math.Max(1, automatic.Max(Math.Abs));
        var plus = new double[n];
        var minus = new double[n];
        var shifted = (double[])y.Clone();
        for (int j = 0; j < n; j++)
        {
            // Central differences with h ~ ε^{1/3}·|yⱼ|: truncation and round-off both ~ε^{2/3} ≈ 4e-11 relative to the scale of f.
            double h = 6e-6 * Math.Max(1, Math.Abs(y[j]));
            shifted[j] = y[j] + h;
            field.Evaluate(t, shifted, plus);
            shifted[j] = y[j] - h;
            field.Evaluate(t, shifted, minus);
            shifted[j] = y[j];
            for (int i = 0; i < n; i++)
            {
                double difference = (plus[i] - minus[i]) / (2 * h), exact = automatic[i * n + j];
                Assert.True(Math.Abs(exact - difference) <= tolerance * scale,
                    $"{typeof(TField).Name}: ∂f{i}/∂y{j} is {exact:R} by AD, {difference:R} by central differences");
            }
        }
    }

    private static void LanesMatchScalar<TField, TLane>(IReadOnlyList<TField> members, IReadOnlyList<double> times, IReadOnlyList<double[]> states)
        where TField : ILaneField
        where TLane : struct, ILane<TLane>
    {
        int w = TLane.Count, n = members[0].Dimension;
        var parameters = new double[LaneField.MaxParameters * w];
        var time = new double[w];
        var y = new double[n * w];
        var dydt = new double[n * w];
        Span<double> p = stackalloc double[LaneField.MaxParameters];
        for (int l = 0; l < w; l++)
        {
            var member = members[l % members.Count];
            var state = states[l % states.Count];
            int count = LaneField.WriteParameters(member, p, state);
            for (int i = 0; i < count; i++) parameters[i * w + l] = p[i];
            time[l] = times[l % times.Count];
            for (int j = 0; j < n; j++) y[j * w + l] = state[j];
        }

        var parameterLanes = new LaneVector<TLane>(parameters, 0, w, LaneField.MaxParameters);
        var stateLanes = new LaneVector<TLane>(y, 0, w, n);
        var derivativeLanes = new LaneVector<TLane>(dydt, 0, w, n);
        // The formula is called on the first member, as the ensembles do: the others differ only in what their lanes hold.
        members[0].Derivative(in parameterLanes, TLane.Load(time, 0), in stateLanes, ref derivativeLanes);
        var expected = new double[n];
        for (int l = 0; l < w; l++)
        {
            members[l % members.Count].Evaluate(time[l], states[l % states.Count], expected);
            for (int j = 0; j < n; j++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[j]) == BitConverter.DoubleToInt64Bits(dydt[j * w + l]),
                    $"{typeof(TField).Name} on {typeof(TLane).Name}, lane {l}, component {j}: {dydt[j * w + l]:R}, scalar {expected[j]:R}");
        }
    }
}
