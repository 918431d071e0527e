using Dynamics.Analysis;
using Dynamics.Examples.Gallery;
using Dynamics.Models.Classical;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.Symplectic;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Learning;

/// <summary>
/// Momentum as the leapfrog of the heavy ball θ̈ + λθ̇ = −∇L (kexue.fm/archives/5655, docs/learning.md): the closed
/// form on a quadratic, the O(γ²) global error with the half-step start against O(γ) without it (docs/corrections.md, E2), momentum
/// SGD as the damped velocity Verlet, the symplectic integrators' orders and energy behaviour, and Nesterov's ODE
/// against its Bessel closed form.
/// </summary>
public sealed class MomentumExperiment : IExperiment
{
    private const double Friction = 0.5, Horizon = 5;
    private static readonly QuadraticLoss Unit = QuadraticLoss.Diagonal(1.0);

    /// <inheritdoc/>
    public string Name => "momentum";

    /// <inheritdoc/>
    public string Description => "Momentum as leapfrog on the heavy ball: O(γ²) with the half-step start, symplectic Verlet/Yoshida, Nesterov's ODE.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        HeavyBall(context);
        GlobalError(context);
        Symplectic(context);
        Nesterov(context);
    }

    private static void HeavyBall(ExperimentContext context)
    {
        const double gamma = 0.4, end = 20;
        var times = Enumerable.Range(0, 801).Select(i => i * end / 800).ToArray();
        var figure = new TimeSeriesFigure("Momentum iterates and the heavy ball", "θ", "t") { LegendCorner = Alignment.UpperRight };
        var residual = new ResidualFigure("Gap to the closed form", "|θₙ − θ(nγ)|", "t") { LegendCorner = Alignment.LowerLeft };
        figure.AddSeries(times, [.. times.Select(t => DampedOscillator.Solve(Friction, 1, 1, 0, t).Position)], "heavy-ball closed form", dashed: true);
        int series = 0;
        foreach (var start in new[] { MomentumStart.HalfStep, MomentumStart.Naive })
        {
            var run = OptimizerRun.Iterate(new MomentumDescent(gamma, Friction, start), Unit, [1.0], (long)(end / gamma));
            string label = start == MomentumStart.HalfStep ? "half-step start" : "naive start v₀ = 0";
            // The series' own marker, the one the residual panel gives it, so each start looks the same in both panels.
            var markers = figure.Plot.Add.Markers([.. run.Times], run.Component(0), FigureColors.MarkerAt(series), 9, FigureColors.At(series));
            series++;
            markers.LegendText = label;
            residual.AddResidual([.. run.Times], run.Component(0), [.. run.Times.Select(t => DampedOscillator.Solve(Friction, 1, 1, 0, t).Position)], label, markers: true);
        }

        new MultiPanelFigure(1, 2).Add(figure.AsPanel()).Add(residual.AsPanel()).SavePng(context.FigurePath("heavy-ball.png",
            $"Momentum iterates on L = ½θ² (friction λ = {Friction}, learning rate γ = {gamma}, θ₀ = 1) against the heavy-ball closed form " +
            "exp(−λt/2)(cos ωt + (λ/2ω) sin ωt). Left: the half-step start v₀ = (γ²/2)∇L(θ₀) (filled circles) and the naive start v₀ = 0 " +
            "(filled squares) on the closed form (dashed). Right: their gaps to it, log scale; the half-step start stays below the naive one throughout."), 2200, 850);
    }

    private static void GlobalError(ExperimentContext context)
    {
        context.Progress("momentum global error against the heavy-ball closed form");
        double[] gammas = [0.2, 0.1, 0.05, 0.025, 0.0125, 0.00625];
        var half = gammas.Select(g => ErrorAt(new MomentumDescent(g, Friction), 0)).ToArray();
        var naive = gammas.Select(g => ErrorAt(new MomentumDescent(g, Friction, MomentumStart.Naive), 0)).ToArray();
        var withVelocity = gammas.Select(g => ErrorAt(new MomentumDescent(g, Friction), 0.7)).ToArray();
        double[] quoted = [1.05e-3, 2.6e-4, 6.6e-5];
        for (int k = 0; k < 3; k++)
        {
            // docs/learning.md quotes 2–3 significant digits: 5% covers the rounding.
            context.Check($"momentum error at T = 5, γ = {gammas[k + 1]} (half-step start; published 1.05e-3, 2.6e-4, 6.6e-5)", half[k + 1], quoted[k], 0.05 * quoted[k]);
        }

        double halfOrder = Slope(gammas, half), naiveOrder = Slope(gammas, naive), velocityOrder = Slope(gammas, withVelocity);
        // Six step sizes over a factor 32; the error constants are already asymptotic at γ = 0.2 (λγ = 0.1), so ±0.1.
        context.Check("observed order, half-step start", halfOrder, 2, 0.1);
        context.Check("observed order, naive start v₀ = 0", naiveOrder, 1, 0.1);
        context.Check("observed order, general start with η₀ = 0.7 (v₀ = γη₀ + (γ²/2)(λη₀ + ∇L))", velocityOrder, 2, 0.1);

        var figure = new ConvergenceFigure("Momentum against the heavy ball", "time step γ (log scale)", $"|θₙ − θ(nγ)| at T = {Horizon} (log scale)") { LegendCorner = Alignment.LowerRight };
        figure.AddSeries(gammas, half, $"half-step start, η₀ = 0: slope {halfOrder:F2}");
        figure.AddSeries(gammas, withVelocity, $"half-step start, η₀ = 0.7: slope {velocityOrder:F2}");
        figure.AddSeries(gammas, naive, $"naive start v₀ = 0: slope {naiveOrder:F2}");
        figure.AddReferencePoints(gammas[1..4], quoted, "published errors");
        figure.AddSlope(2, gammas[^1], half[^1] / 2, gammas[^1], gammas[0], "slope 2");
        figure.AddSlope(1, gammas[^1], naive[^1] * 2, gammas[^1], gammas[0], "slope 1");
        figure.SavePng(context.FigurePath("global-error.png", $"Global error at T = {Horizon} of momentum against the heavy-ball closed form on L = ½aθ² (a = 1, friction λ = {Friction}, θ₀ = 1), against the learning rate (log–log), with reference slopes: second order from the half-step start, whether the initial velocity η₀ is 0 or 0.7 (the two lie on each other: filled circles inside open squares), first order from the naive start v₀ = 0. Grey crosses: the published errors 1.05×10⁻³, 2.6×10⁻⁴, 6.6×10⁻⁵."), 1500, 900);
    }

    private static void Symplectic(ExperimentContext context)
    {
        context.Progress("symplectic integrators");
        // Momentum SGD is Verlet on the heavy ball read at half-step velocities: identical iterates.
        var loss = new RosenbrockLoss();
        const double gamma = 0.01, lambda = 0.8;
        double[] theta0 = [-1.2, 1.0];
        var verlet = Ode.Solve(OdeProblem.Create(new HeavyBallFlow<RosenbrockLoss>(loss, lambda), [theta0[0], theta0[1], 0, 0], 0, 500 * gamma),
            new VelocityVerlet(), SolverOptions.WithFixedStep(gamma));
        var momentum = new MomentumDescent(gamma, lambda);
        var state = new double[4];
        momentum.Initialize(loss, theta0, state);
        var g = new double[2];
        loss.Gradient(theta0, g);
        // The scheme's own backward half step from rest: (1 − λγ/2)v₀ = (γ²/2)∇L(θ₀).
        for (int i = 0; i < 2; i++) state[2 + i] = 0.5 * gamma * gamma * g[i] / (1 - lambda * gamma / 2);
        var run = OptimizerRun.IterateFrom(momentum, loss, state, 500);
        double worst = 0;
        for (int k = 0; k < run.Count; k++) worst = Math.Max(worst, Math.Abs(run.State(k)[0] - verlet.State(k)[0]) + Math.Abs(run.State(k)[1] - verlet.State(k)[1]));
        // The same arithmetic in another order: rounding only (|θ| ≈ 1, 500 steps).
        context.CheckAtMost("momentum SGD − velocity Verlet on the heavy ball (Rosenbrock, 500 steps)", worst, 1e-12);

        double[] steps = [0.2, 0.1, 0.05, 0.025, 0.0125]; // sixteen-fold: over a decade
        var order = new ConvergenceFigure($"Symplectic compositions on the damped oscillator q̈ = −q − λq̇ — λ = {Friction}, T = 10", "step h (log scale)", "|qₙ − q(T)| + |vₙ − v(T)|, n = T/h (log scale)") { LegendCorner = Alignment.UpperLeft };
        var (x, v) = DampedOscillator.Solve(Friction, 1, 1, 0, 10);
        foreach (SymplecticComposition method in new SymplecticComposition[] { new VelocityVerlet(), new Yoshida4() })
        {
            var errors = steps.Select(h =>
            {
                var end = Ode.Solve(OdeProblem.Create(new HeavyBallFlow<QuadraticLoss>(Unit, Friction), [1.0, 0.0], 0, 10), method,
                    SolverOptions.WithFixedStep(h) with { SaveAt = SaveAt.End }).FinalState;
                return Math.Abs(end[0] - x) + Math.Abs(end[1] - v);
            }).ToArray();
            double slope = Slope(steps, errors);
            // h ≤ 0.2 is in the asymptotic range for both (|h·eigenvalue| ≤ 0.2); ±0.15 around the stated order.
            context.Check($"observed order: {method.Name} with friction", slope, method.Order, 0.15);
            order.AddSeries(steps, errors, $"{method.Name}: slope {slope:F2}");
            order.AddSlope(method.Order, steps[^1], errors[^1] / 2, steps[^1], steps[0], $"slope {method.Order}");
        }

        order.SavePng(context.FigurePath("symplectic-order.png", "Observed orders of the symplectic compositions on the damped oscillator q̈ = −q − λq̇, T = 10 (log–log)."), 1400, 900);

        var oscillator = new HeavyBallFlow<QuadraticLoss>(Unit, 0);
        var swing = Ode.Solve(OdeProblem.Create(oscillator, [1.0, 0.0], 0, 200 * Math.PI), new VelocityVerlet(), SolverOptions.WithFixedStep(0.1));
        double amplitude = Enumerable.Range(0, swing.Count).Max(i => Math.Abs(oscillator.Energy(swing.State(i)) - 0.5));
        // Verlet conserves ½v² + ½(1 − h²/4)x² exactly, so E oscillates between ½ − h²/8 and ½: amplitude h²/8 up to the
        // sampling of the zero crossings of x (relative ≲ h²/4 = 0.25%).
        context.Check("Verlet energy oscillation on the harmonic oscillator = h²/8 (h = 0.1, 100 periods, no drift)", amplitude, 0.1 * 0.1 / 8, 0.01 * 0.1 * 0.1 / 8);

        const double h2 = 0.02, orbits = 200;
        var start = Kepler.InitialStateForEccentricity(0.5);
        double e0 = Kepler.Energy(start), l0 = Kepler.AngularMomentum(start);
        var figure = new TimeSeriesFigure("Energy error on the Kepler orbit", "worst |H − H₀| in the orbit (log scale)", "orbit") { LegendCorner = Alignment.LowerRight };
        LearningFigures.UseLogTicks(figure.Plot.Axes.Left);
        foreach (IOdeMethod method in new IOdeMethod[] { new VelocityVerlet(), new Yoshida4(), new RungeKutta4() })
        {
            var solution = Ode.Solve(OdeProblem.Create(new Kepler(), start, 0, orbits * Kepler.Period), method, SolverOptions.WithFixedStep(h2) with { SaveAt = SaveAt.EveryStep });
            var errors = Enumerable.Range(0, solution.Count).Select(i => Math.Abs(Kepler.Energy(solution.State(i)) - e0)).ToArray();
            double firstHalf = 0, secondHalf = 0, momentumDrift = 0;
            for (int i = 0; i < errors.Length; i++)
            {
                if (solution.Times[i] <= orbits * Kepler.Period / 2) firstHalf = Math.Max(firstHalf, errors[i]);
                else secondHalf = Math.Max(secondHalf, errors[i]);
                momentumDrift = Math.Max(momentumDrift, Math.Abs(Kepler.AngularMomentum(solution.State(i)) - l0));
            }

            if (method is SymplecticComposition)
            {
                // No secular drift: the worst error of orbits 100–200 equals that of orbits 0–100 (same pericentre passages,
                // observed equal to 3e-10 and 1.5e-8); RK4's ratio is 2. The bound 1e-6 leaves room for the slow shift of the
                // sampled phase and would catch any drift a thousand times smaller than RK4's.
                context.Check($"{method.Name}: worst |ΔH| in orbits 100–200 ÷ worst in orbits 0–100", secondHalf / firstHalf, 1, 1e-6);
                // A central force: the compositions conserve angular momentum exactly, up to rounding over 63,000 steps.
                context.CheckAtMost($"{method.Name}: angular momentum drift", momentumDrift, 1e-11);
            }
            else
            {
                context.Report("rk4_energy_growth_ratio", secondHalf / firstHalf);
            }

            // The error swings once per orbit (largest at pericentre); the worst value of each orbit shows the trend without aliasing.
            var orbitIndex = new List<double>();
            var worstPerOrbit = new List<double>();
            for (int i = 1; i < errors.Length; i++)
            {
                int orbit = (int)(solution.Times[i] / Kepler.Period);
                if (orbit >= orbits) break;
                if (orbit == orbitIndex.Count)
                {
                    orbitIndex.Add(orbit + 1);
                    worstPerOrbit.Add(errors[i]);
                }
                else
                {
                    worstPerOrbit[orbit] = Math.Max(worstPerOrbit[orbit], errors[i]);
                }
            }

            var (ts, ls) = (orbitIndex, worstPerOrbit.Select(Math.Log10).ToList());
            figure.AddSeries([.. ts], [.. ls], method is SymplecticComposition ? $"{method.Name}: bounded" : $"{method.Name}: drifts");
        }

        figure.SavePng(context.FigurePath("kepler-energy.png", $"Worst energy error per orbit of the Kepler problem (eccentricity 0.5, fixed step h = {h2}, {orbits} orbits), log scale: the symplectic compositions (velocity Verlet, Yoshida 4) keep it bounded, while RK4's grows (it doubles from the first to the second half)."), 1500, 850);
    }

    private static void Nesterov(ExperimentContext context)
    {
        const double a = 1, end = 30;
        var flow = new NesterovFlow<QuadraticLoss>(QuadraticLoss.Diagonal(a));
        var solution = Ode.Solve(OdeProblem.Create(flow, [1.0, 0.0], 0, end), new Verner8(), SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(0, end, 601) });
        double worst = 0;
        for (int i = 0; i < solution.Count; i++) worst = Math.Max(worst, Math.Abs(solution.State(i)[0] - flow.QuadraticSolution(a, 1, solution.Times[i])));
        // Verner 8 at rtol 1e-12 over 30 time units, from the t = 0 limit of the singular friction 3/t: the gap stays near
        // 1e-13; the bound 1e-11 is ten times the solver's tolerance (the error it promises per unit time), so a
        // regression of the solver or of the t = 0 start shows, where the former 1e-8 hid anything below five decades.
        context.CheckAtMost("Nesterov ODE θ̈ + (3/t)θ̇ + θ = 0 − closed form 2J₁(t)/t, largest gap on [0, 30]", worst, 1e-11);

        var heavy = Ode.Solve(OdeProblem.Create(new HeavyBallFlow<QuadraticLoss>(QuadraticLoss.Diagonal(a), 0.3), [1.0, 0.0], 0, end), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(0, end, 601) });
        var figure = new TimeSeriesFigure("Nesterov's ODE and the heavy ball on ½θ²", "θ", "t") { LegendCorner = Alignment.UpperRight };
        var times = solution.Times.ToArray();
        double[] bessel = [.. times.Select(t => flow.QuadraticSolution(a, 1, t))], damped = [.. times.Select(t => DampedOscillator.Solve(0.3, 1, 1, 0, t).Position)];
        figure.AddComponent(solution, 0, "Nesterov's ODE, friction 3/t");
        figure.AddSeries(times, bessel, "closed form 2J₁(t)/t", dashed: true);
        figure.AddComponent(heavy, 0, "heavy ball, friction λ = 0.3");
        figure.AddSeries(times, damped, "closed form, heavy ball", FigureColors.Reference, LinePattern.Dotted);
        var residual = new ResidualFigure("Integrated − closed form, largest so far", "max |θ(s) − closed form|, s ≤ t", "t") { LegendCorner = Alignment.LowerRight };
        var nesterovGap = ResidualFigure.RunningMaximum([.. times.Select((t, i) => Math.Abs(solution.State(i)[0] - bessel[i]))]);
        var heavyGap = ResidualFigure.RunningMaximum([.. times.Select((t, i) => Math.Abs(heavy.State(i)[0] - damped[i]))]);
        residual.AddGaps(times, nesterovGap, "Nesterov's ODE").AddGaps(times, heavyGap, "heavy ball");
        new MultiPanelFigure(1, 2).Add(figure.AsPanel()).Add(residual.AsPanel()).SavePng(context.FigurePath("nesterov-ode.png",
            "Nesterov's ODE θ̈ + (3/t)θ̇ + θ = 0 (Su, Boyd & Candès 2016) and the heavy ball θ̈ + 0.3θ̇ + θ = 0 from θ = 1 at rest, integrated by " +
            "Verner 8 (rtol 10⁻¹²). Left: both on their closed forms 2J₁(t)/t (envelope ∝ t⁻³ᐟ²) and exp(−0.15t)(cos ωt + (0.15/ω) sin ωt). " +
            "Right: the gaps, log scale."), 2200, 850);
    }

    private static double ErrorAt(MomentumDescent momentum, double eta0)
    {
        var state = new double[2];
        momentum.Initialize(Unit, [1.0], [eta0], state);
        var run = OptimizerRun.IterateFrom(momentum, Unit, state, (long)Math.Round(Horizon / momentum.LearningRate), recordEvery: 0);
        return Math.Abs(run.FinalState[0] - DampedOscillator.Solve(Friction, 1, 1, eta0, run.FinalTime).Position);
    }

    private static double Slope(IReadOnlyList<double> steps, IReadOnlyList<double> errors)
    {
        var lx = steps.Select(s => Math.Log(s)).ToArray();
        var ly = errors.Select(e => Math.Log(e)).ToArray();
        double mx = lx.Average(), my = ly.Average();
        return lx.Zip(ly).Sum(p => (p.First - mx) * (p.Second - my)) / lx.Sum(x => (x - mx) * (x - mx));
    }
}
