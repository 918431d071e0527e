using System.Globalization;

namespace Dynamics.Analysis;

/// <summary>
/// A closed interval [Min, Max] of one coordinate, e.g. the horizontal range of a phase portrait. The constructor does
/// not validate, so a reversed or empty interval can be written down; every API that takes one checks it with
/// <see cref="Validate"/>, naming its own parameter. A tuple converts implicitly:
/// <c>Interval x = (-3, 3);</c>.
/// </summary>
/// <param name="Min">The lower end.</param>
/// <param name="Max">The upper end.</param>
public readonly record struct Interval(double Min, double Max)
{
    /// <summary>The width Max − Min.</summary>
    public double Width => Max - Min;

    /// <summary>The midpoint (Min + Max)/2.</summary>
    public double Centre => 0.5 * (Min + Max);

    /// <summary>The point a fraction <paramref name="fraction"/> of the way from Min (0) to Max (1).</summary>
    /// <param name="fraction">The fraction; values outside [0, 1] extrapolate.</param>
    /// <returns>Min + fraction·(Max − Min).</returns>
    public double At(double fraction) => Min + fraction * (Max - Min);

    /// <summary>Whether Min ≤ <paramref name="value"/> ≤ Max.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True inside or on the ends.</returns>
    public bool Contains(double value) => value >= Min && value <= Max;

    /// <summary>The interval widened by <paramref name="fraction"/> of its width on each side.</summary>
    /// <param name="fraction">The relative margin, e.g. 0.1 for 10 % on each side.</param>
    /// <returns>The widened interval.</returns>
    public Interval Expand(double fraction) => new(Min - fraction * Width, Max + fraction * Width);

    /// <summary>Converts a (min, max) tuple.</summary>
    /// <param name="range">The ends.</param>
    public static implicit operator Interval((double Min, double Max) range) => new(range.Min, range.Max);

    /// <summary>Creates an interval from a (min, max) tuple (the named form of the implicit conversion).</summary>
    /// <param name="range">The ends.</param>
    /// <returns>The interval.</returns>
    public static Interval FromValueTuple((double Min, double Max) range) => new(range.Min, range.Max);

    /// <summary>Throws unless the interval has finite ends with Min &lt; Max (not empty, not reversed).</summary>
    /// <param name="name">The parameter name reported in the exception.</param>
    public void Validate(string name)
    {
        if (!double.IsFinite(Min) || !double.IsFinite(Max))
            throw new ArgumentException($"{name} = {this} must have finite ends.", name);
        if (!(Min < Max))
            throw new ArgumentException($"{name} = {this} is {(Min == Max ? "empty" : "reversed")}: it needs Min < Max.", name);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"[{Min.ToString("R", CultureInfo.InvariantCulture)}, {Max.ToString("R", CultureInfo.InvariantCulture)}]";
}
