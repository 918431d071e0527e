using Dynamics.Models.Optimization.Losses;
using Dynamics.Numerics;
using Dynamics.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// The neural-tangent-kernel view of the gradient flow ẇ = −∇L of a linear model f_w(x) = w·x under the squared loss
/// <see cref="LeastSquaresLoss"/> (Domingos, arXiv 2012.00152; kexue.fm/archives/8009, docs/learning.md). The tangent
/// kernel K(x, x′) = ∇_w f(x)·∇_w f(x′) = x·x′ is constant, the training residuals r = Xw − y obey ṙ = −Kr with the
/// Gram matrix Kᵢⱼ = xᵢ·xⱼ, and the model at time t is a kernel machine
/// f_t(x) = f₀(x) + Σᵢ αᵢ(t) K(x, xᵢ), α(t) = Φₜ(K)(y − Xw₀), Φₜ(K) = ∫₀ᵗ e^{−Ks} ds = K⁻¹(I − e^{−Kt}),
/// so w(t) = w₀ + Xᵀα(t). Φₜ is taken on K's eigenvalues, with Φₜ(0) = t, so a singular K is fine.
/// </summary>
public sealed class LinearModelKernel
{
    private readonly LeastSquaresLoss _loss;
    private readonly Matrix<double> _eigenvectors;
    private readonly double[] _eigenvalues;

    /// <summary>Prepares the kernel of <paramref name="loss"/>'s data.</summary>
    /// <param name="loss">The least-squares loss (its inputs and targets).</param>
    public LinearModelKernel(LeastSquaresLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        _loss = loss;
        int n = loss.Samples;
        Gram = Matrix<double>.Build.Dense(n, n, (i, j) => Kernel(loss.Input(i), loss.Input(j)));
        var evd = Gram.Evd(Symmetricity.Symmetric);
        _eigenvectors = evd.EigenVectors;
        _eigenvalues = [.. evd.EigenValues.Select(e => Math.Max(e.Real, 0))];
    }

    /// <summary>The Gram matrix Kᵢⱼ = xᵢ·xⱼ of the training inputs.</summary>
    public Matrix<double> Gram { get; }

    /// <summary>The tangent kernel K(x, x′) = x·x′ of the linear model.</summary>
    /// <param name="x">One input.</param>
    /// <param name="other">Another input of the same length.</param>
    /// <returns>x·x′.</returns>
    public static double Kernel(ReadOnlySpan<double> x, ReadOnlySpan<double> other)
    {
        Require.Length(other.Length, x.Length, nameof(other));
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += x[i] * other[i];
        return sum;
    }

    /// <summary>The kernel-machine coefficients α(t) = Φₜ(K)(y − Xw₀).</summary>
    /// <param name="w0">The initial weights, length d.</param>
    /// <param name="t">The time t ≥ 0.</param>
    /// <returns>α(t), one per training sample.</returns>
    public double[] Coefficients(ReadOnlySpan<double> w0, double t)
    {
        Require.Length(w0.Length, _loss.Dimension, nameof(w0));
        Require.AllFinite(w0, nameof(w0));
        Require.NonNegative(t, nameof(t));
        int n = _loss.Samples;
        var residual = Vector<double>.Build.Dense(n);
        for (int i = 0; i < n; i++) residual[i] = _loss.Targets[i] - Kernel(_loss.Input(i), w0);
        var projected = _eigenvectors.TransposeThisAndMultiply(residual);
        for (int k = 0; k < n; k++)
        {
            double lambda = _eigenvalues[k];
            double phi = lambda * t < 1e-12 ? t : -AccurateMath.ExpM1(-lambda * t) / lambda;
            projected[k] *= phi;
        }

        return (_eigenvectors * projected).ToArray();
    }

    /// <summary>The prediction f_t(x) = w₀·x + Σᵢ αᵢ(t) xᵢ·x of the model trained by gradient flow for time t.</summary>
    /// <param name="w0">The initial weights.</param>
    /// <param name="x">The input, length d.</param>
    /// <param name="t">The time t ≥ 0.</param>
    /// <returns>f_t(x).</returns>
    public double Predict(ReadOnlySpan<double> w0, ReadOnlySpan<double> x, double t)
    {
        Require.Length(x.Length, _loss.Dimension, nameof(x));
        var alpha = Coefficients(w0, t);
        double f = Kernel(w0, x);
        for (int i = 0; i < alpha.Length; i++) f += alpha[i] * Kernel(_loss.Input(i), x);
        return f;
    }

    /// <summary>The weights w(t) = w₀ + Xᵀα(t).</summary>
    /// <param name="w0">The initial weights.</param>
    /// <param name="t">The time t ≥ 0.</param>
    /// <returns>w(t).</returns>
    public double[] Weights(ReadOnlySpan<double> w0, double t)
    {
        var alpha = Coefficients(w0, t);
        var w = w0.ToArray();
        for (int i = 0; i < alpha.Length; i++)
        {
            var xi = _loss.Input(i);
            for (int j = 0; j < w.Length; j++) w[j] += alpha[i] * xi[j];
        }

        return w;
    }
}
