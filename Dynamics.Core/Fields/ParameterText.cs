using System.Globalization;

namespace Dynamics.Fields;

/// <summary>Formats parameter values for titles and summaries ("σ = 10, ρ = 28, β = 2.667").</summary>
public static class ParameterText
{
    /// <summary>Formats a number with up to <paramref name="digits"/> significant digits in the invariant culture.</summary>
    /// <param name="value">The number.</param>
    /// <param name="digits">Significant digits (default 4).</param>
    /// <returns>The text.</returns>
    public static string Number(double value, int digits = 4) =>
        value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Joins name/value pairs as "a = 1, b = 2".</summary>
    /// <param name="pairs">The symbols and their values.</param>
    /// <returns>The text.</returns>
    public static string Of(params ReadOnlySpan<(string Symbol, double Value)> pairs)
    {
        var parts = new string[pairs.Length];
        for (int i = 0; i < pairs.Length; i++) parts[i] = $"{pairs[i].Symbol} = {Number(pairs[i].Value)}";
        return string.Join(", ", parts);
    }
}
