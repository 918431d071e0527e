using Dynamics.Fields;

namespace Dynamics.Models.Diffusion;

/// <summary>
/// The probability-flow ODE augmented with its divergence (the instantaneous change of variables; Chen et al. 2018;
/// Song et al. 2021): state (x, ℓ) with dx/dt = v(t, x) and dℓ/dt = ∇·v(t, x). Integrated from t₀ to T from (x, 0),
/// log p_{t₀}(x) = log p_T(x_T) + ℓ(T). The divergence is exact for mixtures, or Hutchinson's estimate
/// zᵀ(∂v/∂x)z with a fixed probe z (E[zzᵀ] = I), the Jacobian–vector product taken by a central difference: what a
/// trained network would need.
/// </summary>
public sealed class LikelihoodFlow : IVectorField, IDisposable
{
    private readonly ProbabilityFlow _flow;
    private readonly double[]? _probe;
    private readonly ThreadLocal<double[]> _work;

    /// <summary>Creates the augmented field.</summary>
    /// <param name="flow">The probability-flow field (not disposed by this object).</param>
    /// <param name="probe">Null for the exact divergence (mixture data only), or Hutchinson's probe z (d entries, e.g. Rademacher ±1).</param>
    /// <exception cref="ArgumentException">No probe for a flow without an exact divergence (a fitted model).</exception>
    public LikelihoodFlow(ProbabilityFlow flow, double[]? probe = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (probe is null && !flow.HasExactDivergence)
            throw new ArgumentException($"A {flow.Model.GetType().Name} has no exact score divergence; pass Hutchinson's probe.", nameof(probe));
        if (probe is not null)
        {
            Validation.Require.Length(probe.Length, flow.Dimension, nameof(probe));
            Validation.Require.AllFinite(probe, nameof(probe));
        }

        _flow = flow;
        _probe = probe;
        int d = flow.Dimension;
        _work = new ThreadLocal<double[]>(() => new double[3 * d]);
    }

    /// <inheritdoc/>
    public int Dimension => _flow.Dimension + 1;

    /// <summary>Releases the per-thread work buffers.</summary>
    public void Dispose() => _work.Dispose();

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int d = _flow.Dimension;
        var x = y[..d];
        _flow.Evaluate(t, x, dydt[..d]);
        if (_probe is null)
        {
            dydt[d] = _flow.Divergence(t, x);
            return;
        }

        // zᵀ(∂v/∂x)z ≈ zᵀ(v(x + δz) − v(x − δz))/(2δ), δ = 1e-5·max(1, ‖x‖∞): truncation δ²‖v'''‖, rounding ε‖v‖/δ.
        var work = _work.Value!;
        var shifted = work.AsSpan(0, d);
        var plus = work.AsSpan(d, d);
        var minus = work.AsSpan(2 * d, d);
        double scale = 1;
        for (int i = 0; i < d; i++) scale = Math.Max(scale, Math.Abs(x[i]));
        double delta = 1e-5 * scale;
        for (int i = 0; i < d; i++) shifted[i] = x[i] + delta * _probe[i];
        _flow.Evaluate(t, shifted, plus);
        for (int i = 0; i < d; i++) shifted[i] = x[i] - delta * _probe[i];
        _flow.Evaluate(t, shifted, minus);
        double sum = 0;
        for (int i = 0; i < d; i++) sum += _probe[i] * (plus[i] - minus[i]);
        dydt[d] = sum / (2 * delta);
    }
}
