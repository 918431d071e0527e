using Dynamics.Examples.Gallery;
using Dynamics.Maps;
using Dynamics.Models.Gan;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Optimization;
using Dynamics.Solvers.RungeKutta;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Learning;

/// <summary>
/// Discrete GAN training against the flow (kexue.fm/archives/6583; Mescheder et al. 2018): simultaneous gradient
/// steps are explicit Euler and spiral out where the vanilla flow circles (each step multiplies J₂ by exactly
/// 1 + h²σ(1 − σ)); alternating steps conserve J₂; on the zero-centred WGAN-GP simultaneous steps converge only for
/// h &lt; 2λ; both schemes approach the flow at first order in h.
/// </summary>
public sealed class GanDiscreteExperiment : IExperiment
{
    private const double LearningRate = 0.1;
    private static readonly double[] Start = [.. DiracGan.SuInitialState];

    /// <inheritdoc/>
    public string Name => "gan-discrete";

    /// <inheritdoc/>
    public string Description => "Simultaneous GAN steps spiral out where the flow circles; alternating steps keep J₂; stability h < 2λ.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        Vanilla(context);
        Stability(context);
        Orders(context);
    }

    private static void Vanilla(ExperimentContext context)
    {
        context.Progress("simultaneous and alternating steps on the vanilla Dirac GAN");
        const int steps = 1000;
        var gan = new VanillaDiracGan();
        var simultaneous = new GanTraining(LearningRate, GanUpdateScheme.Simultaneous).Run(gan, Start, steps);
        var alternating = new GanTraining(LearningRate, GanUpdateScheme.Alternating).Run(gan, Start, steps);
        var flow = Ode.Solve(OdeProblem.Create(gan, Start, 0, steps * LearningRate), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(0, steps * LearningRate, steps + 1) });

        double worstIdentity = 0, predicted = DiracGan.AngularMomentum(Start);
        var prediction = new double[simultaneous.Count];
        prediction[0] = predicted;
        for (int k = 0; k + 1 < simultaneous.Count; k++)
        {
            var y = simultaneous.State(k);
            double s = 1 / (1 + Math.Exp(-(y[0] * y[2] + y[1] * y[3])));
            double factor = 1 + LearningRate * LearningRate * s * (1 - s);
            predicted *= factor;
            prediction[k + 1] = predicted;
            double ratio = DiracGan.AngularMomentum(simultaneous.State(k + 1)) / DiracGan.AngularMomentum(y);
            worstIdentity = Math.Max(worstIdentity, Math.Abs(ratio / factor - 1));
        }

        // det[[1, −hσ], [h(1 − σ), 1]] = 1 + h²σ(1 − σ) exactly; rounding of J₂ gives ~1e-15 relative per step.
        context.CheckAtMost("simultaneous steps: |J₂ₙ₊₁/J₂ₙ ÷ (1 + h²σ(1 − σ)) − 1|, worst of 1000 steps", worstIdentity, 1e-12);
        // σ(1 − σ) ≤ 1/4 with equality only at φ·θ = 0, so J₂ can grow at most by (1 + h²/4) per step: a bound that uses
        // nothing from the run, and one the run nearly attains (the iterates stay close to φ·θ = 0).
        double growth = DiracGan.AngularMomentum(simultaneous.FinalState) / DiracGan.AngularMomentum(Start);
        context.CheckBelow("simultaneous steps: J₂ growth over 1000 steps, at most (1 + h²/4)¹⁰⁰⁰", growth, Math.Pow(1 + LearningRate * LearningRate / 4, steps));
        context.CheckAtLeast("simultaneous steps: J₂ growth over 1000 steps, at least 1 (each factor ≥ 1)", growth, 1);
        double alternatingDrift = Enumerable.Range(0, alternating.Count).Max(k => Math.Abs(DiracGan.AngularMomentum(alternating.State(k)) - 0.03));
        // The alternating map has determinant 1 on every (φᵢ, θᵢ) pair: J₂ is exact up to rounding accumulated over 1000 steps.
        context.CheckAtMost("alternating steps: |J₂ − 0.03|, worst of 1000 steps", alternatingDrift, 1e-13);
        context.Report("simultaneous_J2_growth_1000_steps", DiracGan.AngularMomentum(simultaneous.FinalState) / 0.03);

        // One panel per scheme, each over the flow: drawn together, the alternating steps and the flow fill one band and
        // hide each other, and the simultaneous spiral hides both.
        var panels = new MultiPanelFigure(1, 2);
        // Each panel's window fits its own data: the alternating steps stay within ±0.22, a third of the spiral's window.
        // The flow's orbit precesses: beside the spiral a thick line would fill a solid band and hide the iterates next to
        // it, so it is thin there; under the alternating steps, which lie on it, it is thick so that it shows around them.
        foreach (var (name, iterates, window, flowWidth) in new[] { ("simultaneous steps", simultaneous, 0.75, 1f), ("alternating steps", alternating, 0.35, 5f) })
        {
            var plane = new TrajectoryFigure($"Vanilla Dirac GAN: {name}", "θ₁", "θ₂") { LegendCorner = ScottPlot.Alignment.LowerRight };
            // The flow starts where the iterates do: their cross marks both.
            plane.AddPath(flow.Component(2), flow.Component(3), "flow (Verner 8)", FigureColors.At(1), arrows: 3, lineWidth: flowWidth, startMarker: false);
            plane.AddPath(iterates.Component(2), iterates.Component(3), $"{name} (× start)", FigureColors.At(0), arrows: 3, lineWidth: 1.5f);
            LearningFigures.MarkEquilibrium(plane, LearningFigures.ClassAtOrigin(gan));
            LearningFigures.SetWindow(plane.Plot, -window, window, -window, window);
            panels.Add(plane.AsPanel());
        }

        panels.SavePng(context.FigurePath("vanilla-discrete.png",
            $"Vanilla Dirac GAN in the θ-plane from [φ, θ] = [{string.Join(", ", Start.Select(v => FigureText.Number(v)))}], {steps} steps of h = {LearningRate}, over the flow (Verner 8, orange: thin beside the spiral, thick under the alternating steps): " +
            "simultaneous gradient steps spiral outwards (left); alternating steps stay on the flow's precessing orbit (right). The equilibrium is " +
            "a centre of the linearisation (open triangle); × marks the start. Equal units; the right panel's window is half the left's."), 1900, 950);

        var j2 = new TimeSeriesFigure($"J₂ = θ₁φ₂ − θ₂φ₁ under discrete training — vanilla Dirac GAN, h = {LearningRate}", "J₂ (log scale)", "t = nh") { LegendCorner = Alignment.UpperLeft };
        LearningFigures.UseLogTicks(j2.Plot.Axes.Left);
        j2.AddSeries([.. simultaneous.Times], LearningFigures.Log10(Enumerable.Range(0, simultaneous.Count).Select(k => DiracGan.AngularMomentum(simultaneous.State(k)))), "simultaneous: grows by 1 + h²σ(1 − σ) per step");
        j2.AddSeries([.. alternating.Times], LearningFigures.Log10(Enumerable.Range(0, alternating.Count).Select(k => DiracGan.AngularMomentum(alternating.State(k)))), "alternating: conserved");
        j2.AddSeries([.. simultaneous.Times], LearningFigures.Log10(prediction), "prediction 0.03·Π(1 + h²σₖ(1 − σₖ))", dashed: true);
        // The prediction lies on the simultaneous run: the second panel shows their relative gap (running maximum; the
        // product is exact up to rounding, so the gap is ~1e-15) and the alternating run's drift from 0.03.
        var gap = new ResidualFigure("Computed J₂ against the prediction", "relative gap, largest so far", "t = nh") { LegendCorner = Alignment.LowerRight };
        gap.AddGaps([.. simultaneous.Times], ResidualFigure.RunningMaximum([.. Enumerable.Range(0, simultaneous.Count).Select(k => Math.Abs(DiracGan.AngularMomentum(simultaneous.State(k)) / prediction[k] - 1))]), "simultaneous ÷ product − 1", color: FigureColors.At(0))
            .AddGaps([.. alternating.Times], ResidualFigure.RunningMaximum([.. Enumerable.Range(0, alternating.Count).Select(k => Math.Abs(DiracGan.AngularMomentum(alternating.State(k)) / 0.03 - 1))]), "alternating ÷ 0.03 − 1", color: FigureColors.At(1));
        new MultiPanelFigure(1, 2).Add(j2.AsPanel()).Add(gap.AsPanel()).SavePng(context.FigurePath("angular-momentum.png",
            $"J₂ = θ₁φ₂ − θ₂φ₁ under {steps} steps of h = {LearningRate} on the vanilla Dirac GAN from J₂ = 0.03. Left, log scale: simultaneous steps multiply it by 1 + h²σ(1 − σ) ≤ 1 + h²/4 each " +
            "(the dashed product of these factors lies on the computed values), alternating steps keep it constant. Right, log scale: the largest relative gap so far of each to its law, rounding only."), 2400, 850);
    }

    private static void Stability(ExperimentContext context)
    {
        const int steps = 4000;
        var gan = new WganGpDiracGan();
        var figure = new TimeSeriesFigure("Simultaneous steps on WGAN-GP c = 0, λ = 0.1: stable iff h < 2λ = 0.2", "2E = ‖φ‖² + ‖θ‖² (log scale)", "step n") { LegendCorner = Alignment.UpperLeft };
        LearningFigures.UseLogTicks(figure.Plot.Axes.Left);
        foreach (double h in new[] { 0.1, 0.19, 0.21, 0.3 })
        {
            var run = new GanTraining(h, GanUpdateScheme.Simultaneous).Run(gan, Start, steps);
            var energy = Enumerable.Range(0, run.Count).Select(k => 2 * DiracGan.Energy(run.State(k), 2)).ToArray();
            // Euler multiplies both modes by |1 + h(−λ ± iω)|² = 1 − 2hλ + h² per step. E is a mix of the two modes
            // with a bounded oscillating ratio (≤ 3 here), so over 4000 steps the fitted per-step factor is within
            // ln 3/4000 ≈ 3e-4 of it.
            double fitted = Math.Exp(Math.Log(energy[^1] / energy[0]) / steps), factor = 1 - 2 * h * gan.Lambda + h * h;
            context.Check($"simultaneous WGAN-GP, h = {h}: per-step energy factor 1 − 2hλ + h²", fitted, factor, 3e-4);
            figure.AddSeries([.. Enumerable.Range(0, run.Count).Select(k => (double)k)], LearningFigures.Log10(energy),
                $"h = {h}: factor {factor:F4} per step ({(factor < 1 ? "converges" : "diverges")})");
        }

        figure.SavePng(context.FigurePath("wgan-gp-stability.png", "Simultaneous gradient steps on the WGAN-GP Dirac GAN (c = 0, λ = 0.1) from [φ, θ] = [0.1, 0.2, 0.2, 0.1], 4000 steps for h = 0.1, 0.19, 0.21, 0.3: the energy 2E (log scale) changes by the factor 1 − 2hλ + h² per step, so training converges for h < 2λ = 0.2 and diverges above."), 1500, 850);
    }

    private static void Orders(ExperimentContext context)
    {
        double[] rates = [0.02, 0.01, 0.005, 0.0025, 0.00125]; // sixteen-fold: over a decade
        var figure = new ConvergenceFigure("Discrete training against the vanilla flow at T = 10", "learning rate h (log scale)", "‖(φ, θ)ₙ − (φ, θ)(nh)‖ at T = 10 (log scale)") { LegendCorner = Alignment.UpperLeft };
        foreach (var scheme in new[] { GanUpdateScheme.Simultaneous, GanUpdateScheme.Alternating })
        {
            var scaling = MapFlowComparison.Scaling(rates, h => Gap(new GanTraining(h, scheme), h));
            // Both are first-order splittings; hλ_max ≤ 0.01 keeps them asymptotic, so ±0.1.
            context.Check($"order of {scheme.ToString().ToLowerInvariant()} training against the flow", scaling.Order, 1, 0.1);
            figure.AddSeries(rates, scaling.Gaps, $"{scheme.ToString().ToLowerInvariant()}: slope {scaling.Order:F2}");
        }

        figure.AddSlope(1, rates[0], 0.01, rates[^1], rates[0], "slope 1");
        figure.SavePng(context.FigurePath("gap-scaling.png", "Gap between discrete GAN training and the flow against the learning rate (log–log): first order for both schemes."), 1400, 900);
    }

    private static MapFlowGap Gap(GanTraining training, double h)
    {
        MapTrajectory run = training.Run(new VanillaDiracGan(), Start, (long)Math.Round(10 / h), recordEvery: 0);
        return MapFlowComparison.Compare(run, new VanillaDiracGan(), Start, 4);
    }
}
