using System.Globalization;

namespace Dynamics.Fields;

/// <summary>Builds component names such as θ₁, θ₂ for <see cref="IModel.ComponentNames"/>.</summary>
public static class ComponentLabels
{
    /// <summary>
    /// The names symbol₁ … symbolₙ with subscript digits, or just the symbol when <paramref name="count"/> is 1.
    /// </summary>
    /// <param name="symbol">The symbol, e.g. "θ".</param>
    /// <param name="count">How many components (at least 1).</param>
    /// <returns>The names.</returns>
    public static string[] Indexed(string symbol, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        Validation.Require.AtLeast(count, 1, nameof(count));
        if (count == 1) return [symbol];
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = symbol + Subscript(i + 1);
        return names;
    }

    /// <summary>The number written with Unicode subscript digits, e.g. 12 → "₁₂".</summary>
    /// <param name="value">A non-negative number.</param>
    /// <returns>The subscript text.</returns>
    public static string Subscript(int value)
    {
        Validation.Require.AtLeast(value, 0, nameof(value));
        var digits = value.ToString(CultureInfo.InvariantCulture).ToCharArray();
        for (int i = 0; i < digits.Length; i++) digits[i] = (char)('₀' + (digits[i] - '0'));
        return new string(digits);
    }
}
