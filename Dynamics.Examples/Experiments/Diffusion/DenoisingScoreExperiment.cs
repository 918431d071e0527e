using Dynamics.Distributions;
using Dynamics.Examples.Gallery;
using Dynamics.Models.Diffusion;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;

namespace Dynamics.Examples.Experiments.Diffusion;

/// <summary>
/// From denoising autoencoders to scores (Su, kexue.fm/archives/7038): the optimal denoiser r*(y) = y + σ²∇log p̂(y) of
/// the eight-Gaussian ring noised by σ = 0.5, the exact score field of p̂ against the score read off a denoiser fitted
/// by denoising score matching (random Fourier features + ridge), and the Dirac-mixture form r* = Σπ_kμ_k.
/// </summary>
public sealed class DenoisingScoreExperiment : IExperiment
{
    private const double Sigma = 0.5;

    /// <inheritdoc/>
    public string Name => "denoising-score";

    /// <inheritdoc/>
    public string Description => "Exact and fitted score fields of a noised ring, and the optimal denoising autoencoder.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var data = DiffusionFigures.Ring();
        var exact = data.CreateMarginal(1, Sigma);
        context.Progress("fitting the Fourier-feature denoiser");
        var fitted = FourierDenoiser.Fit(data, Sigma, 300, 0.7, 1e-3, 3000, 5);

        var figure = new MultiPanelFigure(1, 2);
        figure.Add(Field("exact score ∇log p̂ (σ = 0.5)", (x, s) => exact.Score(x, s)));
        figure.Add(Field("score of the fitted denoiser (r(y) − y)/σ²", (x, s) => fitted.Score(x, s)));
        figure.SavePng(context.FigurePath("score-fields.png", "Score fields of the eight-Gaussian ring noised with σ = 0.5: left, the exact score ∇log p̂ of the noised mixture; right, the score (r(y) − y)/σ² of a Fourier-feature denoising autoencoder r fitted to noisy samples. Arrows start at the grid points; length 0.1·|s| (key below each grid), capped at |s| = 3, where the score points back towards the ring. Equal units."), 1600, 800);

        // Relative RMS score error over noised data (1000 points of p̂). A regression has no closed form: the check is
        // that the fit is far better than the zero score (relative error 1); this fit measures about 0.25.
        var noised = data.PushForward(1, Sigma);
        double error = 0, norm = 0;
        var y = new double[2];
        var s1 = new double[2];
        var s2 = new double[2];
        for (int m = 0; m < 1000; m++)
        {
            noised.Sample(77, m, y);
            fitted.Score(y, s1);
            exact.Score(y, s2);
            for (int j = 0; j < 2; j++)
            {
                error += (s1[j] - s2[j]) * (s1[j] - s2[j]);
                norm += s2[j] * s2[j];
            }
        }

        context.Report("fitted_relative_score_error", Math.Sqrt(error / norm));
        context.CheckAtMost("fitted denoiser: relative RMS score error over p̂ (zero score: 1)", Math.Sqrt(error / norm), 0.35);

        // r* of Dirac data (the ring's means, s = 0) equals the responsibility-weighted mean Σπ_kμ_k (docs/diffusion.md),
        // and r* of Gaussian data N(μ, s²I) is (s²y + σ²μ)/(s² + σ²) (docs/diffusion.md), at a grid of points.
        var means = new double[16];
        for (int k = 0; k < 8; k++) data.Mean(k).CopyTo(means.AsSpan(2 * k));
        var dirac = GaussianMixture.Isotropic([.. Enumerable.Repeat(0.125, 8)], means, new double[8]).CreateMarginal(1, Sigma);
        var gaussian = GaussianMixture.Isotropic([1.0], [0.5, -0.5], [0.8]).CreateMarginal(1, Sigma);
        double worstDirac = 0, worstGaussian = 0;
        var r = new double[2];
        var gamma = new double[8];
        for (int i = -4; i <= 4; i++)
            for (int j = -4; j <= 4; j++)
            {
                double[] p = [0.6 * i, 0.6 * j];
                dirac.Denoise(p, 1, r);
                dirac.Responsibilities(p, gamma);
                for (int c = 0; c < 2; c++)
                {
                    double expected = 0;
                    for (int k = 0; k < 8; k++) expected += gamma[k] * means[2 * k + c];
                    worstDirac = Math.Max(worstDirac, Math.Abs(r[c] - expected));
                }

                gaussian.Denoise(p, 1, r);
                worstGaussian = Math.Max(worstGaussian, Math.Abs(r[0] - (0.64 * p[0] + 0.25 * 0.5) / 0.89));
                worstGaussian = Math.Max(worstGaussian, Math.Abs(r[1] - (0.64 * p[1] - 0.25 * 0.5) / 0.89));
            }

        context.CheckAtMost("Dirac ring: max |r*(y) − Σπ_k(y)μ_k| over an 81-point grid", worstDirac, 1e-13);
        context.CheckAtMost("Gaussian data: max |r*(y) − (s²y + σ²μ)/(s² + σ²)| over the grid", worstGaussian, 1e-13);
    }

    // Arrow length 0.1·|s| in units of y, capped at |s| = 3 (0.3, under the grid spacing 0.4): the score grows linearly
    // away from the ring, and an uncapped scale would leave the arrows near the ring, where the field turns, invisible.
    private const double ArrowPerScore = 0.1, ScoreCap = 3, MaxHead = 0.1;

    private static ScottPlot.Plot Field(string title, Action<double[], double[]> score)
    {
        var plot = FigureStyle.NewPlot(title, "y₁", "y₂");
        var s = new double[2];
        for (int i = -8; i <= 8; i++)
            for (int j = -8; j <= 8; j++)
            {
                double[] y = [0.4 * i, 0.4 * j];
                score(y, s);
                double length = Math.Sqrt(s[0] * s[0] + s[1] * s[1]);
                double scale = ArrowPerScore * Math.Min(1, ScoreCap / Math.Max(length, 1e-12));
                Quiver.AddArrow(plot, y[0], y[1], scale * s[0], scale * s[1], FigureColors.At(0), MaxHead);
            }

        // The key sits in a strip below the grid, which the window leaves free of arrows.
        Quiver.AddKey(plot, -3.3, -3.95, ArrowPerScore, "|s| = 1", FigureColors.At(0), MaxHead);
        Quiver.AddKey(plot, -1.6, -3.95, ArrowPerScore * ScoreCap, $"|s| ≥ {ScoreCap} (capped)", FigureColors.At(0), MaxHead);
        plot.Axes.SetLimits(-3.5, 3.5, -4.2, 3.5);
        plot.Axes.SquareUnits();
        return plot;
    }
}
