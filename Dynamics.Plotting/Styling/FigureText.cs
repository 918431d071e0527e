using System.Globalization;
using System.Text;

namespace Dynamics.Plotting.Styling;

/// <summary>
/// Typography for figure text: the true minus sign (U+2212) instead of a hyphen, real superscripts for exponents
/// (10⁻⁶ instead of 1e-6), one number format, and multiples of π for angle ticks.
/// </summary>
public static class FigureText
{
    /// <summary>The minus sign U+2212, which lines up with the plus sign; a hyphen is shorter and sits too low.</summary>
    public const char Minus = '\u2212';

    private const string Digits = "0123456789+-−=()";
    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾";

    /// <summary>Writes digits, signs and brackets as superscripts: "−6" → "⁻⁶". Other characters are kept.</summary>
    /// <param name="text">The text, e.g. an exponent.</param>
    /// <returns>The superscript text.</returns>
    public static string Superscript(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            int i = Digits.IndexOf(c, StringComparison.Ordinal);
            builder.Append(i >= 0 ? Superscripts[i] : c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Formats a number with <paramref name="significant"/> significant digits, a true minus sign, and powers of ten as
    /// "2.5×10⁻⁷" outside [10⁻³, 10⁵).
    /// </summary>
    /// <param name="value">The number.</param>
    /// <param name="significant">Significant digits (1 to 17).</param>
    /// <returns>The text.</returns>
    public static string Number(double value, int significant = 3)
    {
        if (significant is < 1 or > 17) throw new ArgumentOutOfRangeException(nameof(significant), significant, $"significant must lie in [1, 17], but was {significant}.");
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : Minus + "∞";
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        string sign = value < 0 ? Minus.ToString() : "";
        if (magnitude is >= 1e-3 and < 1e5)
        {
            int decimals = significant - 1 - (int)Math.Floor(Math.Log10(magnitude));
            double scale = Math.Pow(10, -Math.Min(decimals, 0));
            double rounded = decimals >= 0 ? Math.Round(magnitude, decimals) : Math.Round(magnitude / scale) * scale;
            return sign + rounded.ToString("0.################", CultureInfo.InvariantCulture);
        }

        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        double mantissa = Math.Round(magnitude / Math.Pow(10, exponent), significant - 1);
        if (mantissa >= 10)
        {
            mantissa /= 10;
            exponent++;
        }

        string power = "10" + Superscript(exponent.ToString(CultureInfo.InvariantCulture));
        return mantissa == 1 ? sign + power : sign + mantissa.ToString("0.################", CultureInfo.InvariantCulture) + "×" + power;
    }

    /// <summary>Replaces hyphen-minus signs before digits, dots and letters used as numbers with U+2212.</summary>
    /// <param name="text">Text such as "x ∈ [-2, 2]".</param>
    /// <returns>The text with true minus signs.</returns>
    public static string Minuses(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text);
        for (int i = 0; i < builder.Length - 1; i++)
        {
            bool numberFollows = char.IsDigit(builder[i + 1]) || builder[i + 1] == '.' || builder[i + 1] == 'π' || builder[i + 1] == '∞';
            bool startsTerm = i == 0 || !char.IsLetterOrDigit(builder[i - 1]);
            if (builder[i] == '-' && numberFollows && startsTerm) builder[i] = Minus;
        }

        return builder.ToString();
    }

    /// <summary>An angle tick label for k·π/<paramref name="denominator"/>: "0", "π", "−π/2", "3π/2", "2π".</summary>
    /// <param name="numerator">k.</param>
    /// <param name="denominator">The fraction of π between ticks (1, 2 or 4).</param>
    /// <returns>The label.</returns>
    public static string PiMultiple(int numerator, int denominator)
    {
        if (denominator < 1) throw new ArgumentOutOfRangeException(nameof(denominator), denominator, $"denominator must be at least 1, but was {denominator}.");
        if (numerator == 0) return "0";
        int g = Gcd(Math.Abs(numerator), denominator);
        int p = numerator / g, q = denominator / g;
        string sign = p < 0 ? Minus.ToString() : "";
        string top = Math.Abs(p) == 1 ? "π" : $"{Math.Abs(p).ToString(CultureInfo.InvariantCulture)}π";
        return q == 1 ? sign + top : $"{sign}{top}/{q.ToString(CultureInfo.InvariantCulture)}";
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
