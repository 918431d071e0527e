using Dynamics.Validation;

namespace Dynamics.Fields;

/// <summary>
/// A quantity with a known law along solutions — conserved (energy, angular momentum), or monotone (a Lyapunov
/// function) — and the measurement of how far a computed trajectory departs from that law.
/// </summary>
/// <param name="Name">The quantity's name, e.g. "J₂ = θ₁φ₂ − θ₂φ₁".</param>
/// <param name="Function">The quantity as a function of (t, y).</param>
/// <param name="Kind">The law it obeys.</param>
public sealed record Invariant(string Name, StateFunction Function, InvariantKind Kind = InvariantKind.Conserved)
{
    /// <summary>
    /// An energy that a friction coefficient <paramref name="damping"/> dissipates at a rate proportional to it (dE/dt =
    /// −b·(something ≥ 0)): a Lyapunov function (non-increasing) for b &gt; 0, conserved for b = 0, non-decreasing for b &lt; 0.
    /// </summary>
    /// <param name="name">The quantity's name.</param>
    /// <param name="energy">The energy as a function of (t, y).</param>
    /// <param name="damping">The friction coefficient b, whose sign decides the law.</param>
    /// <returns>The invariant.</returns>
    public static Invariant DissipatedEnergy(string name, StateFunction energy, double damping) =>
        new(name, energy, damping > 0 ? InvariantKind.NonIncreasing : damping == 0 ? InvariantKind.Conserved : InvariantKind.NonDecreasing);

    /// <summary>
    /// Measures a trajectory: for <see cref="InvariantKind.Conserved"/> the largest |I(tₖ) − I(t₀)|; for the
    /// monotone kinds the largest step against the law (the largest increase of a non-increasing quantity, or 0).
    /// </summary>
    /// <param name="times">The recorded times.</param>
    /// <param name="states">The recorded states, row-major (state k at k·n … k·n + n − 1).</param>
    /// <param name="dimension">The state dimension n.</param>
    /// <returns>The values along the trajectory and the violation.</returns>
    public InvariantDrift Measure(IReadOnlyList<double> times, ReadOnlySpan<double> states, int dimension)
    {
        ArgumentNullException.ThrowIfNull(times);
        Require.AtLeast(dimension, 1, nameof(dimension));
        Require.Length(states.Length, times.Count * dimension, nameof(states));
        var values = new double[times.Count];
        for (int k = 0; k < values.Length; k++) values[k] = Function(times[k], states.Slice(k * dimension, dimension));
        double violation = 0;
        for (int k = 1; k < values.Length; k++)
        {
            double departure = Kind switch
            {
                InvariantKind.Conserved => Math.Abs(values[k] - values[0]),
                InvariantKind.NonIncreasing => values[k] - values[k - 1],
                _ => values[k - 1] - values[k],
            };
            // NaN must count as a violation, which Math.Max would not guarantee.
            if (!(departure <= violation)) violation = departure;
        }

        return new InvariantDrift(this, [.. times], values, violation);
    }
}
