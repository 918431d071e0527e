using Dynamics.Fields;

namespace Dynamics.Solvers.StepSize;

/// <summary>
/// Hairer's starting step size (Hairer, Nørsett &amp; Wanner I, II.4, "Starting step size"), the one used by every
/// adaptive path: balance the first step between ‖y₀‖/‖f₀‖ and an estimate of the second derivative from one extra
/// evaluation of f. It is split in two phases around that evaluation, <see cref="FirstGuess"/> and <see cref="Proposal"/>,
/// so a lockstep batch can take one shared trial evaluation; component j of a member lies at <c>offset + j·stride</c>.
/// </summary>
internal static class InitialStepSize
{
    /// <summary>Both phases for one trajectory with its own trial evaluation. Returns the signed step.</summary>
    public static double Hairer<TField>(TField field, int order, double startTime, double endTime, ReadOnlySpan<double> y0, ReadOnlySpan<double> f0,
        ReadOnlySpan<double> relativeTolerances, ReadOnlySpan<double> absoluteTolerances, double maxStep, Span<double> trialState, Span<double> trialDerivative)
        where TField : IVectorField
    {
        int n = y0.Length, direction = endTime > startTime ? 1 : -1;
        double span = Math.Abs(endTime - startTime);
        double h0 = FirstGuess(y0, f0, 0, 1, relativeTolerances, absoluteTolerances, span, maxStep, out double d1);
        for (int i = 0; i < n; i++) trialState[i] = y0[i] + direction * h0 * f0[i];
        field.Evaluate(startTime + direction * h0, trialState, trialDerivative);
        return direction * Proposal(y0, f0, trialDerivative, 0, 1, relativeTolerances, absoluteTolerances, h0, d1, order, span, maxStep);
    }

    /// <summary>
    /// The first guess h₀ = 0.01·d₀/d₁ (10⁻⁶ when either norm is below 10⁻⁵), within the span and the maximum step, with
    /// d₀ = ‖y₀‖ and d₁ = ‖f₀‖ in the tolerance-scaled RMS norm.
    /// </summary>
    /// <returns>h₀ &gt; 0, the size of the trial step y₀ + h₀f₀ at which f is evaluated next.</returns>
    public static double FirstGuess(ReadOnlySpan<double> y0, ReadOnlySpan<double> f0, int offset, int stride, ReadOnlySpan<double> relativeTolerances,
        ReadOnlySpan<double> absoluteTolerances, double span, double maxStep, out double d1)
    {
        int n = absoluteTolerances.Length;
        double largest = Largest(y0, offset, stride, n), d0 = 0;
        d1 = 0;
        for (int j = 0; j < n; j++)
        {
            int i = offset + j * stride;
            double scale = Scale(absoluteTolerances[j], relativeTolerances[j], y0[i], largest);
            d0 += (y0[i] / scale) * (y0[i] / scale);
            d1 += (f0[i] / scale) * (f0[i] / scale);
        }

        d0 = Math.Sqrt(d0 / n);
        d1 = Math.Sqrt(d1 / n);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        return Math.Min(Math.Min(h0, span), maxStep);
    }

    /// <summary>
    /// The proposal from f₁ = f(t₀ + h₀, y₀ + h₀f₀): d₂ = ‖f₁ − f₀‖/h₀ estimates the second derivative, and
    /// h₁ = (0.01/max(d₁, d₂))^{1/(p+1)}; the step is min(100·h₀, h₁), within the span and the maximum step.
    /// </summary>
    /// <returns>The step's size (unsigned).</returns>
    public static double Proposal(ReadOnlySpan<double> y0, ReadOnlySpan<double> f0, ReadOnlySpan<double> f1, int offset, int stride,
        ReadOnlySpan<double> relativeTolerances, ReadOnlySpan<double> absoluteTolerances, double h0, double d1, int order, double span, double maxStep)
    {
        int n = absoluteTolerances.Length;
        double largest = Largest(y0, offset, stride, n), d2 = 0;
        for (int j = 0; j < n; j++)
        {
            int i = offset + j * stride;
            double scale = Scale(absoluteTolerances[j], relativeTolerances[j], y0[i], largest);
            double difference = (f1[i] - f0[i]) / scale;
            d2 += difference * difference;
        }

        d2 = Math.Sqrt(d2 / n) / h0;
        double dMax = Math.Max(d1, d2);
        double h1 = !double.IsFinite(dMax) ? h0
            : dMax <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3)
            : Math.Pow(0.01 / dMax, 1.0 / (order + 1));
        return Math.Min(Math.Min(100 * h0, h1), Math.Min(span, maxStep));
    }

    private static double Largest(ReadOnlySpan<double> y0, int offset, int stride, int n)
    {
        double largest = 0;
        for (int j = 0; j < n; j++) largest = Math.Max(largest, Math.Abs(y0[offset + j * stride]));
        return largest;
    }

    // Hairer's scale atolᵢ + rtolᵢ|y₀ᵢ|; under pure relative control (atol = 0) a component that starts at 0 would
    // divide by 0, so it borrows the largest component's magnitude (or 1 when the whole state is 0) for this estimate.
    private static double Scale(double absoluteTolerance, double relativeTolerance, double y0, double largest)
    {
        double scale = absoluteTolerance + relativeTolerance * Math.Abs(y0);
        return scale > 0 ? scale : relativeTolerance * (largest > 0 ? largest : 1.0);
    }
}
