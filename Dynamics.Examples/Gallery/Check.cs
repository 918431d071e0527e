namespace Dynamics.Examples.Gallery;

/// <summary>A number computed by an experiment next to the value theory predicts.</summary>
/// <param name="Name">What is compared, e.g. "Van der Pol period".</param>
/// <param name="Computed">The computed value.</param>
/// <param name="Expected">The predicted value (for a one-sided check, the bound before the tolerance).</param>
/// <param name="Tolerance">The accepted error: |computed − expected| for <see cref="CheckKind.Within"/>, the slack beyond
/// the bound for the one-sided kinds.</param>
/// <param name="Passed">Whether the comparison of <see cref="Kind"/> holds.</param>
public sealed record Check(string Name, double Computed, double Expected, double Tolerance, bool Passed)
{
    /// <summary>How the values are compared (default two-sided).</summary>
    public CheckKind Kind { get; init; } = CheckKind.Within;

    /// <summary>|computed − expected|.</summary>
    public double Error => Math.Abs(Computed - Expected);

    /// <summary>Whether <paramref name="computed"/> passes a comparison of <paramref name="kind"/>; NaN never passes.</summary>
    /// <param name="kind">The comparison.</param>
    /// <param name="computed">The computed value.</param>
    /// <param name="expected">The expected value or bound.</param>
    /// <param name="tolerance">The tolerance or slack.</param>
    /// <returns>True when the check passes.</returns>
    public static bool Holds(CheckKind kind, double computed, double expected, double tolerance) => kind switch
    {
        CheckKind.AtMost => computed <= expected + tolerance,
        CheckKind.AtLeast => computed >= expected - tolerance,
        _ => Math.Abs(computed - expected) <= tolerance,
    };
}
