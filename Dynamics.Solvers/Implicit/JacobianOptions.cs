using Dynamics.Validation;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// How an implicit method obtains ∂f/∂y. By default it calls the field's analytic Jacobian when the field implements
/// <see cref="Fields.IJacobianField"/>, and otherwise differences f column by column
/// (<see cref="FiniteDifferenceJacobian{TField}"/>). Giving bandwidths declares the Jacobian banded (fᵢ depends on yⱼ
/// only for −<see cref="UpperBandwidth"/> ≤ i − j ≤ <see cref="LowerBandwidth"/>), so differencing needs only
/// ml + mu + 1 evaluations of f whatever n is (Curtis, Powell &amp; Reid 1974 column grouping).
/// </summary>
public sealed record JacobianOptions
{
    /// <summary>Analytic when available, dense finite differences otherwise.</summary>
    public static JacobianOptions Default { get; } = new();

    /// <summary>Ignore an analytic Jacobian and always difference (for testing the differences, or a suspect Jacobian).</summary>
    public bool ForceFiniteDifferences { get; init; }

    /// <summary>The number of sub-diagonals ml of a banded Jacobian, or null for a dense one.</summary>
    public int? LowerBandwidth { get; init; }

    /// <summary>The number of super-diagonals mu of a banded Jacobian, or null for a dense one.</summary>
    public int? UpperBandwidth { get; init; }

    /// <summary>A banded Jacobian with the given bandwidths, differenced with column grouping.</summary>
    /// <param name="lower">ml ≥ 0.</param>
    /// <param name="upper">mu ≥ 0.</param>
    /// <returns>The options.</returns>
    public static JacobianOptions Banded(int lower, int upper)
    {
        var options = new JacobianOptions { LowerBandwidth = lower, UpperBandwidth = upper };
        options.Validate();
        return options;
    }

    /// <summary>True when bandwidths were given.</summary>
    public bool IsBanded => LowerBandwidth is not null || UpperBandwidth is not null;

    internal void Validate()
    {
        if (LowerBandwidth is { } ml) Require.AtLeast(ml, 0, nameof(LowerBandwidth));
        if (UpperBandwidth is { } mu) Require.AtLeast(mu, 0, nameof(UpperBandwidth));
        if (LowerBandwidth is null != UpperBandwidth is null)
            throw new ArgumentException($"Give both bandwidths or neither: LowerBandwidth = {LowerBandwidth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, UpperBandwidth = {UpperBandwidth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}.", nameof(LowerBandwidth));
    }
}
