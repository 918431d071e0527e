using Dynamics.Examples.Gallery;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using MathNet.Numerics.LinearAlgebra;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Learning;

/// <summary>
/// "SGD ≈ SVM?" (kexue.fm/archives/8009; Domingos, arXiv 2012.00152; docs/learning.md): a model trained by gradient flow
/// is a kernel machine with the neural tangent kernel. For a linear model f(s) = w·x(s) on the features
/// x(s) = (1, s, s², s³) under the squared loss the kernel x(s)·x(s′) is constant and the model at every time has a
/// closed form; the integrated gradient flow reproduces it.
/// </summary>
public sealed class NeuralTangentKernelExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "ntk";

    /// <inheritdoc/>
    public string Description => "Gradient flow on a linear model is a kernel machine with a constant tangent kernel (closed form).";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var samples = Enumerable.Range(0, 7).Select(i => -1 + i / 3.0).ToArray();
        var inputs = new double[samples.Length, 4];
        for (int i = 0; i < samples.Length; i++)
        {
            var features = Features(samples[i]);
            for (int j = 0; j < 4; j++) inputs[i, j] = features[j];
        }

        var targets = samples.Select(s => Math.Sin(Math.PI * s)).ToArray();
        var loss = new LeastSquaresLoss(inputs, targets);
        var kernel = new LinearModelKernel(loss);
        double[] w0 = [0.3, -0.2, 0.1, 0.0];
        double[] times = [0.05, 0.5, 5, 50];

        var flow = Ode.Solve(OdeProblem.Create(new GradientFlow<LeastSquaresLoss>(loss), w0, 0, times[^1]), new Verner8(),
            SolverOptions.WithTolerance(1e-13) with { SaveAt = SaveAt.Times(times) });
        double worstWeights = 0, worstPrediction = 0;
        var probe = Features(0.37);
        for (int k = 0; k < times.Length; k++)
        {
            var closed = kernel.Weights(w0, times[k]);
            for (int j = 0; j < 4; j++) worstWeights = Math.Max(worstWeights, Math.Abs(closed[j] - flow.State(k)[j]));
            double integrated = Dot(flow.State(k), probe);
            worstPrediction = Math.Max(worstPrediction, Math.Abs(kernel.Predict(w0, probe, times[k]) - integrated));
        }

        // Verner 8 at 1e-13 on a linear ODE whose Gram eigenvalues are ≤ 15 (observed 1.3e-14 and 1.8e-14): 1e-12 is ten
        // times the solver's tolerance.
        context.CheckAtMost("gradient flow − kernel closed form w(t) = w₀ + Xᵀα(t), worst weight at t = 0.05 … 50", worstWeights, 1e-12);
        context.CheckAtMost("gradient flow − kernel machine f₀(x) + Σαᵢ(t)K(x, xᵢ) at x = x(0.37)", worstPrediction, 1e-12);

        // docs/learning.md: w(t) = w* + e^{−XᵀXt}(w₀ − w*), with w* the least-squares solution.
        var x = Matrix<double>.Build.DenseOfArray(inputs);
        var evd = x.TransposeThisAndMultiply(x).Evd(Symmetricity.Symmetric);
        var wStar = x.PseudoInverse() * Vector<double>.Build.DenseOfArray(targets);
        const double t5 = 5;
        var decay = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalArray([.. evd.EigenValues.Select(e => Math.Exp(-e.Real * t5))]) * evd.EigenVectors.Transpose();
        var modelsForm = wStar + decay * (Vector<double>.Build.DenseOfArray(w0) - wStar);
        var kernelForm = kernel.Weights(w0, t5);
        // Two closed forms through different eigendecompositions (XᵀX and XXᵀ): rounding only.
        context.CheckAtMost("w* + exp(−XᵀXt)(w₀ − w*) − kernel form at t = 5", Enumerable.Range(0, 4).Max(j => Math.Abs(modelsForm[j] - kernelForm[j])), 1e-12);
        context.Report("gram_largest_eigenvalue", kernel.Gram.Evd(Symmetricity.Symmetric).EigenValues.Max(e => e.Real));

        var grid = Enumerable.Range(0, 201).Select(i => -1.1 + 2.2 * i / 200).ToArray();
        var figure = new TimeSeriesFigure("Gradient flow on a linear model: a kernel machine", "fₜ(s)", "s") { LegendCorner = Alignment.UpperLeft };
        var residual = new ResidualFigure("Integrated − closed form", "|fₜ(s) − kernel form|", "s") { LegendCorner = Alignment.LowerCenter };
        figure.AddSeries(grid, [.. grid.Select(s => Dot(w0, Features(s)))], "t = 0", FigureColors.Reference, LinePattern.Dotted);
        // Colour encodes time, on a log scale since the times are a decade apart.
        var scale = new SequentialScale(Math.Log10(times[0]), Math.Log10(times[^1]));
        var coarse = Enumerable.Range(0, 12).Select(i => -1.1 + 2.2 * i / 11).ToArray();
        for (int k = 0; k < times.Length; k++)
        {
            double t = times[k];
            var color = scale.ColorOf(Math.Log10(t));
            figure.AddSeries(grid, [.. grid.Select(s => kernel.Predict(w0, Features(s), t))], $"t = {t}", color, LinePattern.Solid);
            var weights = flow.State(k).ToArray();
            var markers = figure.Plot.Add.Markers(coarse, [.. coarse.Select(s => Dot(weights, Features(s)))], MarkerShape.OpenCircle, 11, color);
            markers.MarkerLineWidth = 2;
            residual.AddResidual(grid, [.. grid.Select(s => Dot(weights, Features(s)))], [.. grid.Select(s => kernel.Predict(w0, Features(s), t))], $"t = {t}", color: color);
        }

        var data = figure.Plot.Add.Markers(samples, targets, MarkerShape.FilledSquare, 12, Colors.Black);
        data.LegendText = "training data";
        // One legend entry for the circles of every time: their colour is read off the lines'.
        figure.Plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = "integrated flow (Verner 8)", MarkerShape = MarkerShape.OpenCircle, MarkerSize = 11, MarkerLineColor = FigureColors.Reference, MarkerLineWidth = 2,
        });
        // Headroom above the data (|f| ≤ 1) for the upper-left legend, so it covers neither the t = 0 start nor the t = 50 curve.
        figure.Plot.Axes.SetLimits(-1.15, 1.15, -1.1, 1.9);
        new MultiPanelFigure(1, 2).Add(figure.AsPanel()).Add(residual.AsPanel()).SavePng(context.FigurePath("kernel-machine.png",
            "Linear model f(s) = w·(1, s, s², s³) fitted to yᵢ = sin(πsᵢ) at 7 points (black squares) by gradient flow from w₀ = (0.3, −0.2, 0.1, 0). " +
            "Left: the kernel-machine closed form with the constant tangent kernel (lines, colour = time, t = 0.05 to 50) and the integrated flow " +
            "(open circles). Right: their gap on a log scale, at rounding level for every t."), 2200, 850);
    }

    private static double[] Features(double s) => [1, s, s * s, s * s * s];

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
