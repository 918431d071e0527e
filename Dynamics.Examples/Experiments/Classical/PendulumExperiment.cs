using Dynamics.Examples.Gallery;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Classical;

/// <summary>
/// The damped pendulum θ'' + bθ' + (g/L) sin θ = 0: trajectories spiral into the rest states 2πk and are separated
/// by the saddles at (2k+1)π; the energy is a Lyapunov function. Checks: energy never increases, every trajectory
/// ends at the rest state it should, small oscillations have the linear frequency √(g/L − b²/4) and decay rate b/2,
/// and without friction the energy is conserved.
/// </summary>
public sealed class PendulumExperiment : IExperiment
{
    private const double EndTime = 80;

    /// <inheritdoc/>
    public string Name => "pendulum";

    /// <inheritdoc/>
    public string Description => "Damped pendulum: spirals into rest, saddles at ±π, energy as a Lyapunov function.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var pendulum = new DampedPendulum();
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Uniform(0, EndTime, 4001) };
        double[][] starts = [[-3.0, 2.2], [3.0, -2.2], [0.5, 2.6], [-0.5, -2.6], [2.9, 0.0], [-2.9, 0.0], [1.0, 3.3], [-1.0, -3.3], [-6.0, 2.0], [6.0, -2.0]];
        var portrait = new TrajectoryFigure(FigureStyle.Title(pendulum.Name, pendulum.Parameters), pendulum.ComponentNames[0], pendulum.ComponentNames[1]);
        var energy = new TimeSeriesFigure(FigureStyle.Title(pendulum.Name + ": energy", pendulum.Parameters), "E = ½ω² + (g/L)(1 − cos θ)");
        double worstIncrease = double.NegativeInfinity, worstRest = 0;
        context.Progress($"integrating {starts.Length} trajectories to t = {EndTime}");
        foreach (var start in starts)
        {
            var solution = Ode.Solve(OdeProblem.Create(pendulum, start, 0, EndTime), new DormandPrince5(), options);
            string label = $"θ₀ = {start[0]:0.#}, ω₀ = {start[1]:0.#}";
            portrait.AddPath(solution.Component(0).Take(1500).ToArray(), solution.Component(1).Take(1500).ToArray(), label);
            var energies = Enumerable.Range(0, solution.Count).Select(i => pendulum.Energy(solution.State(i))).ToArray();
            if (energy.Plot.GetPlottables().Count() < 4) energy.AddSeries([.. solution.Times], energies, label);
            for (int i = 1; i < energies.Length; i++) worstIncrease = Math.Max(worstIncrease, energies[i] - energies[i - 1]);
            double restAngle = 2 * Math.PI * Math.Round(solution.FinalState[0] / (2 * Math.PI));
            worstRest = Math.Max(worstRest, Math.Max(Math.Abs(solution.FinalState[0] - restAngle), Math.Abs(solution.FinalState[1])));
        }

        // dE/dt = −bω² ≤ 0; the solver's local error (rtol 1e-10 on states of size ≤ 7) bounds any apparent increase
        // between samples by about 1e-9.
        context.CheckAtMost("largest energy increase between samples", worstIncrease, 1e-9);
        // After t = 80 the slowest mode has decayed by e^{−(b/2)·80} = e^{−10} ≈ 5e-5 of its initial size (≤ 3.5).
        context.CheckAtMost("distance of every end state from its rest state 2πk", worstRest, 1e-3);

        foreach (int k in new[] { -2, 0, 2 }) portrait.AddPoint(k * Math.PI, 0, k == 0 ? "stable spiral (2kπ, 0)" : "", MarkerShape.FilledCircle, FigureColors.At(2));
        foreach (int k in new[] { -1, 1 }) portrait.AddPoint(k * Math.PI, 0, k == 1 ? "saddle ((2k+1)π, 0)" : "", MarkerShape.FilledSquare, FigureColors.At(1));
        portrait.Plot.Axes.SetLimits(-7.5, 7.5, -3.6, 3.6);
        portrait.SavePng(context.FigurePath("phase-portrait.png"));
        energy.SavePng(context.FigurePath("energy.png"));

        CheckSmallOscillations(context, pendulum);
        CheckConservationWithoutFriction(context, pendulum with { Damping = 0 });
    }

    private static void CheckSmallOscillations(ExperimentContext context, DampedPendulum pendulum)
    {
        // Linearised: θ'' + bθ' + (g/L)θ = 0, θ ∝ e^{−bt/2} cos(Ωt) with Ω = √(g/L − b²/4). Successive upward zero
        // crossings of θ are 2π/Ω apart; successive maxima shrink by e^{−bπ/Ω}. The nonlinear correction to the period
        // is about A²/16 relative for amplitude A = 0.01, i.e. 4e-5; the tolerances allow for it.
        double omega = Math.Sqrt(pendulum.GravityOverLength - pendulum.Damping * pendulum.Damping / 4);
        var options = SolverOptions.WithTolerance(1e-12) with
        {
            SaveAt = SaveAt.End,
            Events = [OdeEvent.Record("θ = 0 rising", (t, y) => y[0], EventDirection.Rising), OdeEvent.Record("ω = 0 falling", (t, y) => y[1], EventDirection.Falling)],
        };
        var solution = Ode.Solve(OdeProblem.Create(pendulum, [0.01, 0.0], 0, 20), new Verner8(), options);
        var crossings = solution.Events.Where(e => e.EventIndex == 0).Select(e => e.Time).ToArray();
        var maxima = solution.Events.Where(e => e.EventIndex == 1).Select(e => e.State[0]).ToArray();
        context.Check("small-oscillation period 2π/√(g/L − b²/4)", crossings[1] - crossings[0], 2 * Math.PI / omega, 1e-4);
        context.Check("amplitude ratio per period e^{−bπ/Ω}", maxima[1] / maxima[0], Math.Exp(-pendulum.Damping * Math.PI / omega), 1e-4);
    }

    private static void CheckConservationWithoutFriction(ExperimentContext context, DampedPendulum frictionless)
    {
        var solution = Ode.Solve(OdeProblem.Create(frictionless, [2.0, 0.0], 0, 100), new DormandPrince5(), SolverOptions.WithTolerance(1e-10));
        double e0 = frictionless.Energy(solution.State(0)), drift = 0;
        for (int i = 1; i < solution.Count; i++) drift = Math.Max(drift, Math.Abs(frictionless.Energy(solution.State(i)) - e0));
        // DP5 is not symplectic, so energy drifts linearly; at local tolerance 1e-10 over ~2,000 steps that is ≲ 1e-7.
        context.CheckAtMost("energy drift without friction (b = 0, t ≤ 100)", drift, 1e-7);
        context.Report("frictionless_steps", solution.Statistics.AcceptedSteps);
    }
}
