namespace Dynamics.Solvers.Optimization;

/// <summary>
/// How the gap between a map and its flow at a fixed time shrinks with the learning rate: the gaps, the local orders
/// log(gₖ/gₖ₊₁)/log(γₖ/γₖ₊₁) and the least-squares slope of log gap against log γ (the observed order p in gap ∝ γᵖ).
/// </summary>
public sealed class GapScaling
{
    internal GapScaling(double[] learningRates, double[] gaps)
    {
        LearningRates = learningRates;
        Gaps = gaps;
        var orders = new double[gaps.Length - 1];
        for (int k = 0; k < orders.Length; k++) orders[k] = Math.Log(gaps[k] / gaps[k + 1]) / Math.Log(learningRates[k] / learningRates[k + 1]);
        LocalOrders = orders;
        double mx = learningRates.Average(Math.Log), my = gaps.Average(Math.Log);
        double sxy = 0, sxx = 0;
        for (int k = 0; k < gaps.Length; k++)
        {
            double dx = Math.Log(learningRates[k]) - mx;
            sxy += dx * (Math.Log(gaps[k]) - my);
            sxx += dx * dx;
        }

        Order = sxy / sxx;
    }

    /// <summary>The learning rates γₖ.</summary>
    public IReadOnlyList<double> LearningRates { get; }

    /// <summary>The gaps at the common final time.</summary>
    public IReadOnlyList<double> Gaps { get; }

    /// <summary>The order between consecutive learning rates.</summary>
    public IReadOnlyList<double> LocalOrders { get; }

    /// <summary>The least-squares slope of log gap against log γ.</summary>
    public double Order { get; }
}
