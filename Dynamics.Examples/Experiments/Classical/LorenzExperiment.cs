using Dynamics.Analysis;
using Dynamics.Examples.Gallery;
using Dynamics.Fields;
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
/// one-dimensional unstable manifold is drawn, and the saddle-foci C±), a Poincaré section in the plane z = 27 and the Lorenz map,
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
        // The default parameters, with β written as the fraction the model uses.
        string title = FigureStyle.Title(lorenz.Name, "σ = 10, ρ = 28, β = 8/3");
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Uniform(0, 50, 20001) };
        var a = Ode.Solve(OdeProblem.Create(lorenz, [1.0, 1.0, 1.0], 0, 50), new DormandPrince5(), options);
        var b = Ode.Solve(OdeProblem.Create(lorenz, [1.0, 1.0, 1.0 + 1e-9], 0, 50), new DormandPrince5(), options);

        var equilibria = FixedPoints.Find(lorenz, [(-25, 25), (-25, 25), (-5, 50)], new FixedPointOptions { SeedsPerAxis = 8 });
        CheckEquilibria(context, lorenz, equilibria);
        context.Progress("attractor, equilibria and the unstable manifold of the origin");
        // The window reaches below the butterfly (z < 0) to give the legend the room the data leave under it.
        var attractor = PhasePortrait.Of(lorenz, new PlaneSlice(3, xComponent: 0, yComponent: 2), (-30, 30), (-17, 55))
            .Background(FieldBackground.None)
            .Nullclines(false)
            .EqualAxisUnits()
            .WithFixedPoints(equilibria)
            .Separatrices(duration: 40)
            .Path(Trajectory.Of(a), "trajectory from (1, 1, 1), t ≤ 50")
            .LegendInside(ScottPlot.Alignment.LowerCenter)
            .Title(title + "\nprojection on (x, z)");
        foreach (var focus in equilibria.Where(p => p.Class == FixedPointClass.SaddleFocus))
        {
            var name = attractor.Plot.Add.Text(focus.Point[0] > 0 ? "C₊" : "C₋", focus.Point[0], focus.Point[2] - 1.5);
            name.LabelFontSize = 18;
            name.LabelBold = true;
            name.LabelAlignment = ScottPlot.Alignment.UpperCenter;
            name.LabelBackgroundColor = ScottPlot.Colors.White.WithAlpha(0.8);
        }

        attractor.SavePng(context.FigurePath("attractor-xz.png", "Lorenz system, σ = 10, ρ = 28, β = 8/3, projected on (x, z) with equal units: a trajectory from (1, 1, 1) for t ≤ 50 and the unstable manifold of the saddle at the origin traced for 40 time units, which winds out of C± onto the whole attractor; the stable manifolds (one-dimensional) of the saddle-foci C± = (±6√2, ±6√2, 27) (open triangles: unstable), traced backwards in time. The origin's two-dimensional stable manifold is not drawn."), 1000, 1050);
        DrawSection(context, lorenz, a.FinalState.ToArray(), title);

        // Until t ≈ 12 the trajectories stay above x = −13: the lower left is free for the legend.
        var sensitivity = new TimeSeriesFigure(title + ": two starts 10⁻⁹ apart", "x") { LegendCorner = ScottPlot.Alignment.LowerLeft };
        // The second start is dashed, so that the first shows through it where the two coincide (t ≲ 30).
        sensitivity.AddComponent(a, 0, "z₀ = 1").AddSeries([.. b.Times], b.Component(0), "z₀ = 1 + 10⁻⁹", FigureColors.At(1), ScottPlot.LinePattern.Dashed);
        sensitivity.SavePng(context.FigurePath("sensitivity.png", "Sensitive dependence: x(t) from (1, 1, 1) (solid) and from (1, 1, 1 + 10⁻⁹) (dashed), σ = 10, ρ = 28, β = 8/3: they agree to the eye until t ≈ 30 and then decorrelate."));

        var separation = new TimeSeriesFigure(title + ": separation of the two starts", "|y₁(t) − y₂(t)| (log scale)") { LegendCorner = ScottPlot.Alignment.LowerRight };
        separation.Plot.Axes.Left.TickGenerator = new LogTickGenerator();
        var times = a.Times.ToArray();
        var logDistance = Enumerable.Range(0, a.Count).Select(i => Math.Log10(Math.Max(Distance(a.State(i), b.State(i)), 1e-300))).ToArray();
        separation.AddSeries(times, logDistance, "distance of the two starts");
        // The reference growth exp(λt) is anchored on the mean of the data over 10 ≤ t ≤ 30, where the separation has
        // aligned with the unstable direction and not yet saturated, so that its slope can be compared with the data's.
        var growth = Enumerable.Range(0, times.Length).Where(i => times[i] is >= 10 and <= 30).ToArray();
        double tMid = growth.Average(i => times[i]), logMid = growth.Average(i => logDistance[i]), perUnit = LyapunovExponent / Math.Log(10);
        separation.AddSeries([5, 35], [logMid + perUnit * (5 - tMid), logMid + perUnit * (35 - tMid)], "∝ exp(λ₁t), λ₁ = 0.906", dashed: true);
        separation.SavePng(context.FigurePath("separation.png", "Distance between the trajectories from (1, 1, 1) and (1, 1, 1 + 10⁻⁹), log scale: after a transient it grows like exp(λ₁t) with the largest Lyapunov exponent λ₁ = 0.906 (dashed, drawn through the data's mean over 10 ≤ t ≤ 30), until it saturates at the attractor's size."));

        context.Progress("estimating the Lyapunov spectrum (Benettin with Gram–Schmidt, t ≤ 300)");
        var spectrum = LyapunovExponents.Compute(lorenz, [1.0, 1.0, 1.0],
            new LyapunovOptions { TransientTime = 20, Time = 300, RenormalisationInterval = 0.1 }).Exponents;
        // A finite-time estimate over 300 time units fluctuates by a few hundredths around the limit (Sprott 2003).
        context.Check("largest Lyapunov exponent λ₁ (Benettin, T = 300)", spectrum[0], LyapunovExponent, 0.03);
        // The flow direction itself neither grows nor shrinks: λ₂ = 0, approached like 1/T.
        context.Check("middle Lyapunov exponent λ₂ = 0 (along the flow)", spectrum[1], 0, 0.02);
        // Liouville: the tangent map's determinant is e^{∫ tr J dt} and tr J = −(σ + 1 + β) everywhere, so the exponents
        // sum to it exactly. Renormalising every 0.1 time units keeps each tangent vector ≳ 0.2 in size, so the solver's
        // tolerance 1e-10 per interval, over 3,000 intervals, bounds the error of the mean by ~1e-9 (observed 1.4e-9):
        // 1e-8 is that bound with a margin of ten.
        context.Check("λ₁ + λ₂ + λ₃ = −(σ + 1 + β) (volume contraction)", spectrum[0] + spectrum[1] + spectrum[2], -(lorenz.Sigma + 1 + lorenz.Beta), 1e-8);
        context.Report("lyapunov_3", spectrum[2]);
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

    private static void DrawSection(ExperimentContext context, Lorenz lorenz, double[] onAttractor, string title)
    {
        // The Poincaré section z = 27 crossed downwards, zoomed to the points, and the Lorenz map z_{n+1} against z_n of
        // successive maxima of z (Lorenz 1963; Strogatz §9.4): the section shows where the attractor threads the plane,
        // the map that its dynamics reduce to a one-dimensional, expanding, tent-like map.
        const double level = 27;
        var options = SolverOptions.WithTolerance(1e-10) with
        {
            SaveAt = SaveAt.End,
            Events =
            [
                OdeEvent.Record("z = 27 downwards", (t, y) => y[2] - level, EventDirection.Falling),
                OdeEvent.Record("maximum of z", (t, y) => y[0] * y[1] - lorenz.Beta * y[2], EventDirection.Falling),
            ],
        };
        var events = Ode.Solve(OdeProblem.Create(lorenz, onAttractor, 0, 300), new DormandPrince5(), options).Events;
        var crossings = events.Where(e => e.EventIndex == 0).ToList();
        double[] xs = [.. crossings.Select(e => e.State[0])], ys = [.. crossings.Select(e => e.State[1])];
        var section = new TrajectoryFigure($"{title}\nPoincaré section z = {level}, crossed downwards", "x", "y") { LegendCorner = ScottPlot.Alignment.UpperLeft };
        section.Plot.Add.Markers(xs, ys, ScottPlot.MarkerShape.FilledCircle, 5, FigureColors.At(0)).LegendText = $"{crossings.Count} crossings, t ≤ 300";
        double padX = 0.1 * (xs.Max() - xs.Min()), padY = 0.1 * (ys.Max() - ys.Min());
        section.Plot.Axes.SetLimits(xs.Min() - padX, xs.Max() + padX, ys.Min() - padY, ys.Max() + padY);
        section.Plot.Axes.SquareUnits();
        section.SavePng(context.FigurePath("section-z27.png",
            $"Poincaré section of the Lorenz attractor (σ = 10, ρ = 28, β = 8/3) in the plane z = {level}: {crossings.Count} downward crossings over t ≤ 300, zoomed to the points; equal units. The attractor threads the plane along two thin curves, one per wing."), 1100, 900);
        context.Report("section_crossings", crossings.Count);

        var maxima = events.Where(e => e.EventIndex == 1).Select(e => e.State[2]).ToArray();
        var map = new TrajectoryFigure($"{title}\nLorenz map of successive maxima of z", "zₙ", "zₙ₊₁") { LegendCorner = ScottPlot.Alignment.LowerRight };
        map.Plot.Add.Markers(maxima[..^1], maxima[1..], ScottPlot.MarkerShape.FilledCircle, 5, FigureColors.At(0)).LegendText = $"{maxima.Length - 1} pairs (zₙ, zₙ₊₁)";
        var diagonal = map.Plot.Add.Line(28, 28, 50, 50);
        diagonal.LineColor = FigureColors.Reference;
        diagonal.LinePattern = ScottPlot.LinePattern.Dashed;
        diagonal.LegendText = "zₙ₊₁ = zₙ";
        map.Plot.Axes.SetLimits(28, 50, 28, 50);
        map.Plot.Axes.SquareUnits();
        map.SavePng(context.FigurePath("lorenz-map.png",
            "The Lorenz map (σ = 10, ρ = 28, β = 8/3): each maximum of z(t) against the previous one over t ≤ 300. The points lie on a tent-like curve whose slope exceeds 1 in magnitude everywhere, which is why the flow is chaotic (Lorenz 1963; Strogatz §9.4)."), 1000, 900);
        context.Report("lorenz_map_pairs", maxima.Length - 1);
        // Lorenz's argument for chaos: |f′(zₙ)| > 1 everywhere on the map. Measured as chord slopes on each branch
        // (either side of the peak) between maxima at least 0.5 apart in zₙ, where the map's thickness (≈ 0.02, the
        // attractor's fractal sheets) moves a chord's slope by less than 0.1.
        context.CheckAtLeast("least |slope| of the Lorenz map, chords ≥ 0.5 apart on each branch", LeastChordSlope(maxima[..^1], maxima[1..], 0.5), 1);
    }

    private static double LeastChordSlope(double[] current, double[] next, double minimumRun)
    {
        var order = Enumerable.Range(0, current.Length).OrderBy(i => current[i]).ToArray();
        int peak = Array.IndexOf(order, Enumerable.Range(0, next.Length).MaxBy(i => next[i]));
        double least = double.PositiveInfinity;
        foreach (var branch in new[] { order[..(peak + 1)], order[peak..] })
        {
            for (int a = 0, b = 0; a < branch.Length; a = b)
            {
                while (b < branch.Length && current[branch[b]] - current[branch[a]] < minimumRun) b++;
                if (b == branch.Length) break;
                least = Math.Min(least, Math.Abs((next[branch[b]] - next[branch[a]]) / (current[branch[b]] - current[branch[a]])));
            }
        }

        return least;
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }
}
