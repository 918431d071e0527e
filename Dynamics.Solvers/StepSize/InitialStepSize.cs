using Dynamics.Fields;

namespace Dynamics.Solvers.StepSize;

/// <summary>The starting step size of an adaptive solve, shared by the integrator and the per-lane ensemble so both start alike.</summary>
internal static class InitialStepSize
{
    /// <summary>
    /// Hairer, Nørsett &amp; Wanner I, II.4 ("Starting step size"): balance the first step between ‖y₀‖/‖f₀‖ and an
    /// estimate of the second derivative, using one extra evaluation of f. Returns the signed step.
    /// </summary>
    public static double Hairer<TField>(TField field, int order, double startTime, double endTime, ReadOnlySpan<double> y0, ReadOnlySpan<double> f0,
        ReadOnlySpan<double> relativeTolerances, ReadOnlySpan<double> absoluteTolerances, double maxStep, Span<double> trialState, Span<double> trialDerivative)
        where TField : IVectorField
    {
        int n = y0.Length, direction = endTime > startTime ? 1 : -1;
        double span = Math.Abs(endTime - startTime);
        double d0 = 0, d1 = 0, largest = 0;
        for (int i = 0; i < n; i++) largest = Math.Max(largest, Math.Abs(y0[i]));
        for (int i = 0; i < n; i++)
        {
            double scale = Scale(absoluteTolerances[i], relativeTolerances[i], y0[i], largest);
            d0 += (y0[i] / scale) * (y0[i] / scale);
            d1 += (f0[i] / scale) * (f0[i] / scale);
        }

        d0 = Math.Sqrt(d0 / n);
        d1 = Math.Sqrt(d1 / n);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(Math.Min(h0, span), maxStep);

        for (int i = 0; i < n; i++) trialState[i] = y0[i] + direction * h0 * f0[i];
        field.Evaluate(startTime + direction * h0, trialState, trialDerivative);
        double d2 = 0;
        for (int i = 0; i < n; i++)
        {
            double scale = Scale(absoluteTolerances[i], relativeTolerances[i], y0[i], largest);
            double difference = (trialDerivative[i] - f0[i]) / scale;
            d2 += difference * difference;
        }

        d2 = Math.Sqrt(d2 / n) / h0;
        double dMax = Math.Max(d1, d2);
        double h1 = !double.IsFinite(dMax) ? h0
            : dMax <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3)
            : Math.Pow(0.01 / dMax, 1.0 / (order + 1));
        return direction * Math.Min(Math.Min(100 * h0, h1), Math.Min(span, maxStep));
    }

    // Hairer's scale atolᵢ + rtolᵢ|y₀ᵢ|; under pure relative control (atol = 0) a component that starts at 0 would
    // divide by 0, so it borrows the largest component's magnitude (or 1 when the whole state is 0) for this estimate.
    private static double Scale(double absoluteTolerance, double relativeTolerance, double y0, double largest)
    {
        double scale = absoluteTolerance + relativeTolerance * Math.Abs(y0);
        return scale > 0 ? scale : relativeTolerance * (largest > 0 ? largest : 1.0);
    }
}
