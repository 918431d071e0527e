namespace Dynamics.Examples.Gallery;

/// <summary>A number computed by an experiment next to the value theory predicts.</summary>
/// <param name="Name">What is compared, e.g. "Van der Pol period".</param>
/// <param name="Computed">The computed value.</param>
/// <param name="Expected">The predicted value.</param>
/// <param name="Tolerance">The largest accepted |computed − expected|.</param>
/// <param name="Passed">Whether |computed − expected| ≤ tolerance.</param>
public sealed record Check(string Name, double Computed, double Expected, double Tolerance, bool Passed)
{
    /// <summary>|computed − expected|.</summary>
    public double Error => Math.Abs(Computed - Expected);
}
