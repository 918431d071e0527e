namespace Dynamics.Solvers.Stochastic;

/// <summary>The per-trajectory workspace of an <see cref="ISdeMethod"/>; <see cref="Advance"/> allocates nothing.</summary>
public interface ISdeStepper
{
    /// <summary>The number of drift evaluations so far.</summary>
    long DriftEvaluations { get; }

    /// <summary>Advances y in place from t to t + h given the Wiener increments ΔWᵢ ~ N(0, h) of the step.</summary>
    /// <param name="t">The time at the start of the step.</param>
    /// <param name="y">The state, updated in place.</param>
    /// <param name="h">The step h &gt; 0.</param>
    /// <param name="wienerIncrements">ΔW, one per component.</param>
    void Advance(double t, Span<double> y, double h, ReadOnlySpan<double> wienerIncrements);
}
