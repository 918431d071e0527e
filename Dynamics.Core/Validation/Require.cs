using System.Globalization;

namespace Dynamics.Validation;

/// <summary>
/// Argument checks for public entry points. Every failure names the parameter and the offending value, so a user
/// sees at once what to fix. Hot loops never call these; they validate once at the API boundary.
/// </summary>
public static class Require
{
    /// <summary>Throws unless <paramref name="value"/> is a finite number (not NaN, not ±∞).</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The parameter name reported in the exception.</param>
    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number, but was {Format(value)}.");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and strictly positive.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The parameter name reported in the exception.</param>
    public static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number greater than 0, but was {Format(value)}.");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and not negative.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">The parameter name reported in the exception.</param>
    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0, but was {Format(value)}.");
    }

    /// <summary>Throws unless <paramref name="value"/> ≥ <paramref name="minimum"/>.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="name">The parameter name reported in the exception.</param>
    public static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}, but was {value}.");
    }

    /// <summary>Throws unless every entry of <paramref name="values"/> is finite, naming the first bad index.</summary>
    /// <param name="values">The values to check.</param>
    /// <param name="name">The parameter name reported in the exception.</param>
    public static void AllFinite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{name}[{i}] must be a finite number, but was {Format(values[i])}.", name);
        }
    }

    /// <summary>Throws unless <paramref name="length"/> equals <paramref name="expected"/>.</summary>
    /// <param name="length">The actual length.</param>
    /// <param name="expected">The required length, typically the field's dimension.</param>
    /// <param name="name">The parameter name reported in the exception.</param>
    public static void Length(int length, int expected, string name)
    {
        if (length != expected)
            throw new ArgumentException($"{name} has length {length}, but the field's dimension is {expected}.", name);
    }

    /// <summary>Throws unless <paramref name="index"/> is a valid component index 0 … <paramref name="dimension"/> − 1.</summary>
    /// <param name="index">The component index.</param>
    /// <param name="dimension">The state dimension.</param>
    /// <param name="name">The parameter name reported in the exception.</param>
    public static void Component(int index, int dimension, string name)
    {
        if ((uint)index >= (uint)dimension)
            throw new ArgumentOutOfRangeException(name, index, $"{name} must be a component index in [0, {dimension - 1}], but was {index}.");
    }

    /// <summary>
    /// The checks every initial-value problem makes: the field has a dimension, the initial state matches it and is
    /// finite, and both times are finite. (Whether the span may be empty or reversed is the problem type's own rule.)
    /// </summary>
    /// <param name="fieldDimension">The field's dimension.</param>
    /// <param name="initialState">The initial state.</param>
    /// <param name="startTime">The initial time.</param>
    /// <param name="endTime">The final time.</param>
    public static void InitialValueProblem(int fieldDimension, ReadOnlySpan<double> initialState, double startTime, double endTime)
    {
        AtLeast(fieldDimension, 1, "field.Dimension");
        Length(initialState.Length, fieldDimension, nameof(initialState));
        AllFinite(initialState, nameof(initialState));
        Finite(startTime, nameof(startTime));
        Finite(endTime, nameof(endTime));
    }

    /// <summary>Formats a number for a message with round-trip precision and an invariant culture.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text, e.g. "NaN", "-∞" or "0.1".</returns>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+∞",
        double.NegativeInfinity => "-∞",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
