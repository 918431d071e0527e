using Dynamics.Analysis;
using Dynamics.Examples.Gallery;
using Dynamics.Models.Classical;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Analysis;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Examples.Experiments.Classical;

/// <summary>
/// The Lorenz attractor: the butterfly projected on (x, z) with the classified equilibria (a saddle at the origin, whose
/// one-dimensional unstable manifold is drawn, and the saddle-foci C±), a Poincaré section in the slice z = 20,
/// sensitive dependence on initial conditions, the largest Lyapunov exponent by Benettin's renormalisation (≈ 0.9056
/// for σ = 10, ρ = 28, β = 8/3), and the constant volume contraction −(σ + 1 + β).
/// </summary>
public sealed class LorenzExperiment : IExperiment
{
    /// <summary>The largest Lyapunov exponent of the classic Lorenz system (Sprott, "Chaos and Time-Series Analysis", 2003).</summary>
    public const double LyapunovExponent = 0.9056;

    /// <inheritdoc/>
    public string Name => "lorenz";

    /// <inheritdoc/>
    public string Description => "Lorenz attractor: the butterfly, sensitivity, Lyapunov exponent and volume contraction.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var lorenz = new Lorenz();
        string title = FigureStyle.Title(lorenz.Name, lorenz.Parameters);
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Uniform(0, 50, 20001) };
        var a = Ode.Solve(OdeProblem.Create(lorenz, [1.0, 1.0, 1.0], 0, 50), new DormandPrince5(), options);
        var b = Ode.Solve(OdeProblem.Create(lorenz, [1.0, 1.0, 1.0 + 1e-9], 0, 50), new DormandPrince5(), options);

        var equilibria = FixedPoints.Find(lorenz, [(-25, 25), (-25, 25), (-5, 50)], new FixedPointOptions { SeedsPerAxis = 8 });
        CheckEquilibria(context, lorenz, equilibria);
        context.Progress("attractor, equilibria and the unstable manifold of the origin");
        var attractor = PhasePortrait.Of(lorenz, new PlaneSlice(3, xComponent: 0, yComponent: 2), (-25, 25), (-2, 55))
            .Background(FieldBackground.None)
            .Nullclines(false)
            .WithFixedPoints(equilibria)
            .Separatrices(duration: 8)
            .Path(Trajectory.Of(a), "trajectory from (1, 1, 1), t ≤ 50")
            .Title(title + "\nprojection on (x, z)");
        attractor.SavePng(context.FigurePath("attractor-xz.png"));
        DrawSection(context, lorenz, a.FinalState.ToArray());

        var sensitivity = new TimeSeriesFigure(title + ": two starts 1e-9 apart", "x");
        sensitivity.AddComponent(a, 0, "z₀ = 1").AddComponent(b, 0, "z₀ = 1 + 1e-9");
        sensitivity.SavePng(context.FigurePath("sensitivity.png"));

        var separation = new TimeSeriesFigure(title + ": separation of the two starts", "log₁₀ |Δy|");
        var times = a.Times.ToArray();
        var logDistance = Enumerable.Range(0, a.Count).Select(i => Math.Log10(Math.Max(Distance(a.State(i), b.State(i)), 1e-300))).ToArray();
        separation.AddSeries(times, logDistance, "|y_a(t) − y_b(t)|");
        separation.AddSeries([0, 25], [-9, -9 + LyapunovExponent * 25 / Math.Log(10)], $"slope λ = {LyapunovExponent}", dashed: true);
        separation.SavePng(context.FigurePath("separation.png"));

        context.Progress("estimating the largest Lyapunov exponent (Benettin, t ≤ 300)");
        double lambda = LyapunovExponents.Compute(lorenz, [1.0, 1.0, 1.0], new LyapunovOptions { Count = 1, TransientTime = 20, Time = 300 }).Largest;
        // A finite-time estimate over 300 time units fluctuates by a few hundredths around the limit (Sprott 2003).
        context.Check("largest Lyapunov exponent (Benettin, T = 300)", lambda, LyapunovExponent, 0.03);

        // Trace of the Jacobian by central differences along the orbit; exact value −(σ + 1 + β), error O(δ²) ≈ 1e-9.
        double worst = 0;
        for (int i = 100; i < a.Count; i += 997) worst = Math.Max(worst, Math.Abs(Divergence(lorenz, a.State(i)) + lorenz.Sigma + 1 + lorenz.Beta));
        context.CheckAtMost("|div f + (σ + 1 + β)| along the orbit", worst, 1e-6);
        context.Report("dp5_steps_t50", a.Statistics.AcceptedSteps);
    }

    private static void CheckEquilibria(ExperimentContext context, Lorenz lorenz, IReadOnlyList<FixedPoint> equilibria)
    {
        // Counts and classes are exact: tolerance 0.
        context.Check("equilibria in the box (origin and C±)", equilibria.Count, 3, 0);
        context.Check("saddle-foci C± (1 = both)", equilibria.Count(p => p.Class == FixedPointClass.SaddleFocus) == 2 ? 1 : 0, 1, 0);
        var origin = equilibria.Single(p => p.Class == FixedPointClass.Saddle);
        double c = Math.Sqrt(lorenz.Beta * (lorenz.Rho - 1));
        // Newton with the analytic Jacobian: C± = (±√(β(ρ − 1)), ±√(β(ρ − 1)), ρ − 1) to rounding.
        context.Check("C+ x = √(β(ρ − 1))", equilibria.Max(p => p.Point[0]), c, 1e-12);
        context.Check("C± z = ρ − 1", equilibria.Max(p => p.Point[2]), lorenz.Rho - 1, 1e-12);
        double root = Math.Sqrt((lorenz.Sigma + 1) * (lorenz.Sigma + 1) + 4 * lorenz.Sigma * (lorenz.Rho - 1));
        // The origin's Jacobian has the exact eigenvalues −β and (−(σ + 1) ± √((σ + 1)² + 4σ(ρ − 1)))/2; MathNet's EVD
        // of a 3 × 3 matrix with entries ≤ 28 is accurate to ~1e-13.
        context.Check("origin's unstable eigenvalue (−(σ + 1) + √((σ + 1)² + 4σ(ρ − 1)))/2", origin.Eigenvalues[2].Real, (-(lorenz.Sigma + 1) + root) / 2, 1e-10);
    }

    private static void DrawSection(ExperimentContext context, Lorenz lorenz, double[] onAttractor)
    {
        // The Poincaré section z = 20 crossed downwards, over the projected field of that plane: where the attractor
        // threads the slice, and which way the flow crosses it there.
        const double level = 20;
        var options = SolverOptions.WithTolerance(1e-10) with
        {
            SaveAt = SaveAt.End,
            Events = [OdeEvent.Record("z = 20 downwards", (t, y) => y[2] - level, EventDirection.Falling)],
        };
        var crossings = Ode.Solve(OdeProblem.Create(lorenz, onAttractor, 0, 300), new DormandPrince5(), options).Events;
        var section = PhasePortrait.Of(lorenz, new PlaneSlice(3, xComponent: 0, yComponent: 1, baseState: [0, 0, level]), (-20, 20), (-25, 25))
            .Title(FigureStyle.Title(lorenz.Name, lorenz.Parameters) + $"\nslice z = {level}: projected field and Poincaré section");
        var points = section.Plot.Add.Markers(crossings.Select(e => e.State[0]).ToArray(), crossings.Select(e => e.State[1]).ToArray(),
            ScottPlot.MarkerShape.FilledCircle, 5, FigureColors.At(3));
        points.LegendText = $"{crossings.Count} crossings, ż < 0";
        section.SavePng(context.FigurePath("section-z20.png"));
        context.Report("section_crossings", crossings.Count);
    }

    private static double Divergence(Lorenz lorenz, ReadOnlySpan<double> state)
    {
        const double delta = 1e-5;
        double trace = 0;
        Span<double> plus = stackalloc double[3], minus = stackalloc double[3], fPlus = stackalloc double[3], fMinus = stackalloc double[3];
        for (int j = 0; j < 3; j++)
        {
            state.CopyTo(plus);
            state.CopyTo(minus);
            plus[j] += delta;
            minus[j] -= delta;
            lorenz.Evaluate(0, plus, fPlus);
            lorenz.Evaluate(0, minus, fMinus);
            trace += (fPlus[j] - fMinus[j]) / (2 * delta);
        }

        return trace;
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }
}
