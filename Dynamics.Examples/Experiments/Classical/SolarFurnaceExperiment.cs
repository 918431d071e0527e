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
using ScottPlot;

namespace Dynamics.Examples.Experiments.Classical;

/// <summary>
/// The solar-furnace mirror (docs/classical.md, a reconstruction: kexue.fm 1045 names the problem but its text was not
/// found): the reflector ODE y' = y/(x + √(x² + y²)) from (−0.3, 1.2), checked against the parabola y² = 2Cx + C² and
/// the first integral √(x² + y²) − x = C; the same curve integrated in four parameterisations, of which the one in x
/// stops at the vertex where dy/dx blows up and the slope-vector one stalls there, while arc length and the regular
/// curve parameter pass through to the other branch; and a ray-tracing test of the computed mirror.
/// </summary>
public sealed class SolarFurnaceExperiment : IExperiment
{
    private const double X0 = -0.3, Y0 = 1.2, Aperture = 2;

    /// <inheritdoc/>
    public string Name => "solar-furnace";

    /// <inheritdoc/>
    public string Description => "Solar-furnace mirror: the reflector ODE, its parabola, four parameterisations through the vertex, ray tracing.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        double c = SolarFurnace.Constant(X0, Y0);

        var inX = Ode.Solve(OdeProblem.Create(new ReflectorProfile(), [Y0], X0, 3), new Verner8(), SolverOptions.WithTolerance(1e-13));
        // Verner 8 at tolerance 1e-13 over a few dozen steps on values of size ≤ 3.
        context.CheckAtMost("integrating in x: drift of C = √(x² + y²) − x", InvariantMonitor.Measure(inX, new ReflectorProfile()).Single().Violation, 1e-12);
        double residual = Enumerable.Range(0, inX.Count).Max(i => Math.Abs(SolarFurnace.ParabolaResidual(inX.Times[i], inX.State(i)[0], c)));
        // docs/classical.md reports a residual of 9e-13 for this start; y² amplifies the error in y by 2y ≤ 7.
        context.CheckAtMost("integrating in x: max |y² − 2Cx − C²|", residual, 1e-11);

        var parameterisations = Parameterisations(context, c);
        var mirror = Mirror();
        CheckRays(context, c, mirror);
        DrawMirror(context, c, mirror);
        DrawParameterisations(context, c, parameterisations);
        DrawFamily(context);
    }

    private sealed record Runs(Solution InX, Solution ArcLength, Solution CurveParameter, Solution SlopeVector);

    private static Runs Parameterisations(ExperimentContext context, double c)
    {
        double vertex = SolarFurnace.VertexX(c);
        var towardsVertex = Ode.Solve(OdeProblem.Create(new ReflectorProfile(), [Y0], X0, -1.5), new Verner8(), SolverOptions.WithTolerance(1e-10));
        // Success or failure is exact: tolerance 0.
        context.Check("in x: the solve fails at the vertex (1 = it did not reach x = −1.5)", towardsVertex.IsSuccess ? 0 : 1, 1, 0);
        // dy/dx ~ (x + C/2)^{−1/2} outgrows every step: the solver creeps up to the square-root singularity until the
        // step underflows, ending within a few step sizes (here ~1e-12) of the vertex and unable to go on.
        context.Check("in x: where the solve stops, x", towardsVertex.FinalTime, vertex, 1e-9);
        context.Progress($"in x: stopped at the vertex as this demonstration expects (status {towardsVertex.Status}, at x = {towardsVertex.FinalTime:F9}; the vertex is x = {vertex:F9})");

        var axis = SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Dense, Events = [OdeEvent.Record("axis y = 0", (t, y) => y[1])] };
        Solution Through(ReflectorParameterisation parameterisation, double span, string name)
        {
            var solution = Ode.Solve(OdeProblem.Create(new ReflectorCurve(parameterisation), [X0, Y0], 0, span), new Verner8(), axis);
            var vertexCrossing = solution.Events.Single();
            // The axis crossing is located on Verner 8's interpolant at tolerance 1e-12.
            context.Check($"{name}: crosses the axis at the vertex x = −C/2", vertexCrossing.State[0], vertex, 1e-10);
            // Tolerance 1e-12 per step over ~100 steps of values of size ~2.
            context.CheckAtMost($"{name}: drift of C along both branches", InvariantMonitor.Measure(solution, new ReflectorCurve(parameterisation)).Single().Violation, 1e-10);
            return solution;
        }

        var arcLength = Through(ReflectorParameterisation.ArcLength, -5, "arc length");
        var curve = Through(ReflectorParameterisation.CurveParameter, -3, "curve parameter (y, r − x)");
        var slope = Ode.Solve(OdeProblem.Create(new ReflectorCurve(ReflectorParameterisation.SlopeVector), [X0, Y0], 0, -40), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Dense });
        // The slope vector (x + r, y) vanishes at the vertex: y decays like e^{τ} and never changes sign (beyond the
        // absolute tolerance 1e-12); x creeps to the vertex.
        context.Check("slope vector (x + r, y): lowest y reached (never crosses to the lower branch)", Math.Min(0, slope.Component(1).Min()), 0, 1e-12);
        // Along the slope vector x + C/2 ≈ y²/(2C) → e^{−80}: x sits on the vertex to the solver's tolerance.
        context.Check("slope vector (x + r, y): stalls at the vertex, x", slope.FinalState[0], vertex, 1e-9);
        return new Runs(towardsVertex, arcLength, curve, slope);
    }

    // The whole dish through (−0.3, 1.2), in arc length: up from the given point to y ≈ 2.3, then one dense solve from
    // there down through the vertex to y ≈ −2.9, recording the vertex and the rim y = ±R on the way.
    private static Solution Mirror()
    {
        var up = Ode.Solve(OdeProblem.Create(new ReflectorCurve(), [X0, Y0], 0, 2), new Verner8(), SolverOptions.WithTolerance(1e-12));
        var options = SolverOptions.WithTolerance(1e-12) with
        {
            SaveAt = SaveAt.Dense,
            Events = [OdeEvent.Record("axis y = 0", (t, y) => y[1]), OdeEvent.Record("aperture y = ±R", (t, y) => y[1] * y[1] - Aperture * Aperture)],
        };
        return Ode.Solve(OdeProblem.Create(new ReflectorCurve(), up.FinalState, 0, -8), new Verner8(), options);
    }

    private static void CheckRays(ExperimentContext context, double c, Solution mirror)
    {
        // A mirror of aperture radius R and depth h, cut from the computed curve, focuses at R²/(4h) = C/2.
        var vertexEvent = mirror.Events.Single(e => e.Name == "axis y = 0");
        var vertex = vertexEvent.State;
        // The parabola y² = 2Cx + C² has radius of curvature C at its vertex. Measured on the computed curve by central
        // differences (h = 10⁻³) of the dense output: at the vertex the curve is symmetric, so the h² truncation terms
        // cancel to leading order; the measured error is 4e-11, and 1e-8 allows for the dense output's 1e-12 over h².
        context.Check("radius of curvature of the computed mirror at its vertex = C", RadiusOfCurvature(mirror, vertexEvent.Time), c, 1e-8);
        var rim = mirror.Events.Where(e => e.Name == "aperture y = ±R").ToList();
        // A count: tolerance 0.
        context.Check("aperture events found (y = +R and y = −R)", rim.Count, 2, 0);
        double depth = rim.Average(e => e.State[0]) - vertex[0];
        // Both positions come from event location to ~1e-12.
        context.Check("dish design formula f = R²/(4h) on the computed mirror", SolarFurnace.DishFocalLength(Aperture, depth), SolarFurnace.FocalLength(c), 1e-10);

        // Rays parallel to the axis at heights spread over the aperture. Each hits the computed mirror where its y(s)
        // reaches the ray's height (Brent on the dense output); the normal comes from the computed curve's own tangent,
        // a central difference of the dense output, not from the ODE's right-hand side: the right-hand side would
        // focus by construction wherever it is evaluated, since every point lies on some confocal parabola.
        double worst = 0;
        foreach (double height in RayHeights())
        {
            double s = HitParameter(mirror, height);
            var point = mirror.Evaluate(s);
            const double h = 1e-4;
            var ahead = mirror.Evaluate(s + h);
            var behind = mirror.Evaluate(s - h);
            worst = Math.Max(worst, SolarFurnace.FocusMiss(point[0], point[1], ahead[0] - behind[0], ahead[1] - behind[1]));
        }

        // Central differences with h = 1e-4 have truncation error h²κ'/6 ~ 1e-9 and amplify the dense output's ~1e-12
        // error by 1/h to ~1e-8; the reflected ray travels ≤ 2 to the focus.
        context.CheckAtMost("ray tracing: largest miss distance of reflected rays from the focus", worst, 1e-7);
        context.Report("largest_miss_distance", worst);
    }

    private static double RadiusOfCurvature(Solution curve, double s)
    {
        const double h = 1e-3;
        var ahead = curve.Evaluate(s + h);
        var here = curve.Evaluate(s);
        var behind = curve.Evaluate(s - h);
        double dx = (ahead[0] - behind[0]) / (2 * h), dy = (ahead[1] - behind[1]) / (2 * h);
        double ddx = (ahead[0] - 2 * here[0] + behind[0]) / (h * h), ddy = (ahead[1] - 2 * here[1] + behind[1]) / (h * h);
        return Math.Pow(dx * dx + dy * dy, 1.5) / Math.Abs(dx * ddy - dy * ddx);
    }

    private static double[] RayHeights() => [.. Enumerable.Range(0, 17).Select(k => -Aperture + 0.25 * k).Where(y => y != 0)];

    // The mirror's solve runs backwards in arc length from its top down through the vertex: y(s) increases with s, so
    // bisection on [FinalTime, 0] finds the unique s with y(s) = height.
    private static double HitParameter(Solution mirror, double height)
    {
        double lo = mirror.FinalTime, hi = 0;
        for (int k = 0; k < 200 && hi - lo > 1e-15; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (mirror.Evaluate(mid)[1] < height) lo = mid;
            else hi = mid;
        }

        return 0.5 * (lo + hi);
    }

    private static void DrawMirror(ExperimentContext context, double c, Solution mirror)
    {
        var figure = new TrajectoryFigure($"Solar-furnace mirror through (−0.3, 1.2): C = {FigureText.Number(c, 4)}, focal length C/2\nrays parallel to the axis reflect through the focus", "x (along the rays)", "y")
        {
            LegendCorner = Alignment.MiddleRight,
        };
        var path = Trajectory.Refine(mirror, 8);
        var xs = path.Component(0);
        var ys = path.Component(1);
        var line = figure.Plot.Add.ScatterLine(xs, ys, FigureColors.At(0));
        line.LineWidth = 4;
        line.LegendText = "computed mirror (in arc length)";
        bool first = true;
        foreach (double height in RayHeights().Where(y => Math.Abs(y) <= 1.75))
        {
            var point = mirror.Evaluate(HitParameter(mirror, height));
            // The rays come in from x = 2.2, which leaves the right of the frame to the legend.
            var incoming = figure.Plot.Add.Line(2.2, height, point[0], height);
            incoming.LineColor = FigureColors.At(4);
            incoming.LineWidth = 1.5f;
            var reflected = figure.Plot.Add.Line(point[0], point[1], 0, 0);
            reflected.LineColor = FigureColors.At(1);
            reflected.LineWidth = 1.5f;
            if (!first) continue;
            incoming.LegendText = "sunlight, parallel to x";
            reflected.LegendText = "reflected rays";
            first = false;
        }

        var directrix = figure.Plot.Add.Line(-c, -2.5, -c, 2.5);
        directrix.LineColor = FigureColors.Reference;
        directrix.LinePattern = LinePattern.Dashed;
        directrix.LegendText = "directrix x = −C";
        figure.AddPoint(0, 0, "focus (0, 0)", MarkerShape.FilledCircle, Colors.Black);
        figure.AddPoint(SolarFurnace.VertexX(c), 0, "vertex (−C/2, 0)", MarkerShape.FilledSquare, FigureColors.At(2));
        figure.Plot.Axes.SetLimits(-1.8, 3, -2.3, 2.3);
        figure.Plot.Axes.SquareUnits();
        figure.SavePng(context.FigurePath("mirror-rays.png", "The computed solar-furnace mirror through (−0.3, 1.2), C ≈ 1.537: rays parallel to the axis reflect off it through the focus at the origin; dashed, the directrix x = −C. Equal units."), 1500, 1000);
    }

    // Small multiples with equal units: the four integrations of the same mirror would coincide on one plane, so each
    // gets its own panel, and a fifth shows y against the integration parameter, where they differ.
    private static void DrawParameterisations(ExperimentContext context, double c, Runs runs)
    {
        var panels = new MultiPanelFigure(2, 3);
        var inX = runs.InX;
        (string Title, double[] Xs, double[] Ys, string Outcome)[] cases =
        [
            ("in x: dy/dx = y/(x + r)", inX.Times.ToArray(), inX.Component(0), "stops at the vertex (dy/dx → ∞)"),
            ("in arc length s", Refined(runs.ArcLength, 0), Refined(runs.ArcLength, 1), "passes through the vertex"),
            ("curve parameter, tangent (y, r − x)", Refined(runs.CurveParameter, 0), Refined(runs.CurveParameter, 1), "passes through the vertex"),
            ("tangent (x + r, y)", Refined(runs.SlopeVector, 0), Refined(runs.SlopeVector, 1), "stalls at the vertex (the tangent vanishes)"),
        ];
        // One window for the four panels, wide enough for the longest run: the lower branches go on past the mirror image
        // of the start, and a fixed window would cut them off.
        double xMax = cases.Max(k => k.Xs.Max()) + 0.1, yMin = cases.Min(k => k.Ys.Min()) - 0.1;
        bool first = true;
        foreach (var (title, xs, ys, outcome) in cases)
        {
            var panel = new TrajectoryFigure(title, "x", "y") { LegendCorner = Alignment.LowerLeft };
            panel.Plot.Title(title, size: 16);
            panel.AddPath(xs, ys, outcome, arrows: 2);
            // The vertex's marker of the mirror-rays figure, named once: each panel's legend keeps only its own outcome.
            panel.AddPoint(SolarFurnace.VertexX(c), 0, first ? "vertex (−C/2, 0)" : "", MarkerShape.FilledSquare, FigureColors.At(2));
            first = false;
            panel.Plot.Axes.SetLimits(-1.3, xMax, yMin, 1.4);
            panel.Plot.Axes.SquareUnits();
            FigureStyle.ShowLegendInside(panel.Plot, Alignment.LowerLeft);
            panels.Add(panel.Plot);
        }

        var parameter = new TimeSeriesFigure("y against the integration parameter", "y", "x − x₀, s or τ (integrated backwards)");
        parameter.Plot.Title("y against the integration parameter", size: 16);
        parameter.AddSeries([.. inX.Times.Select(x => x - X0)], inX.Component(0), "in x");
        // The tangent parameterisation creeps towards the vertex over τ → −∞: the window shows the other three whole and
        // its approach to y = 0.
        double parameterMin = -4;
        foreach (var (solution, label) in new[] { (runs.ArcLength, "arc length s"), (runs.CurveParameter, "curve parameter τ"), (runs.SlopeVector, "tangent (x + r, y): τ") })
        {
            var path = Trajectory.Refine(solution, 4);
            parameter.AddSeries(path.Times, path.Component(1), label);
            if (solution != runs.SlopeVector) parameterMin = Math.Min(parameterMin, path.Times[^1] - 0.1);
        }

        parameter.Plot.Axes.SetLimits(parameterMin, 0.1, yMin, 1.4);
        FigureStyle.ShowLegendInside(parameter.Plot, Alignment.LowerRight);
        panels.Add(parameter.Plot);
        panels.SavePng(context.FigurePath("parameterisations.png",
            "The same solar-furnace mirror integrated four ways from (−0.3, 1.2), one panel each with equal units: in x the solve stops at the vertex, where dy/dx blows up; in arc length and in the curve parameter it passes to the lower branch; with the tangent (x + r, y), which vanishes at the vertex, it stalls there. Last panel: y against each integration parameter."), 2100, 1300);
    }

    private static double[] Refined(Solution solution, int component) => Trajectory.Refine(solution, 4).Component(component);

    private static void DrawFamily(ExperimentContext context)
    {
        var family = new TrajectoryFigure("Confocal mirrors y² = 2Cx + C²", "x (along the rays)", "y") { LegendCorner = Alignment.UpperRight };
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Dense };
        double[] constants = [0.5, 1.0, 1.5, 2.0, 3.0];
        // Colour encodes the constant C (the focal length is C/2), dark to light.
        var scale = new SequentialScale(constants[0], constants[^1]);
        for (int k = 0; k < constants.Length; k++)
        {
            // Start at the upper rim y = 2.5 and run down through the vertex in arc length, past the lower rim.
            double constant = constants[k], x = (2.5 * 2.5 - constant * constant) / (2 * constant);
            var solution = Ode.Solve(OdeProblem.Create(new ReflectorCurve(), [x, 2.5], 0, -30), new Verner8(), options);
            var path = Trajectory.Refine(solution, 4);
            var inside = Enumerable.Range(0, path.Count).Where(i => Math.Abs(path.State(i)[1]) <= 2.5).ToArray();
            double[] xs = [.. inside.Select(i => path.State(i)[0])], ys = [.. inside.Select(i => path.State(i)[1])];
            var line = family.Plot.Add.ScatterLine(xs, ys, scale.ColorOf(constant));
            line.LineWidth = 2.5f;
            line.LegendText = $"C = {constant}";
        }

        family.AddPoint(0, 0, "common focus", MarkerShape.FilledCircle, Colors.Black);
        // The window reaches past the widest mirror's rim (x = 6) to leave the upper right to the legend.
        family.Plot.Axes.SetLimits(-1.8, 7.6, -2.6, 2.6);
        family.Plot.Axes.SquareUnits();
        family.SavePng(context.FigurePath("family.png", "Confocal mirrors y² = 2Cx + C² for C = 0.5, 1, 1.5, 2, 3 (dark to light), integrated in arc length from the rim y = 2.5: all focus at the origin, each with its vertex at x = −C/2 and focal length C/2. Equal units."));
    }
}
