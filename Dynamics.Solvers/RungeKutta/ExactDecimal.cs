using System.Globalization;
using System.Numerics;

namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// Splits a long decimal literal (a published coefficient to 40 digits) into the nearest double and the double
/// nearest to what that rounding lost, so a coefficient can be carried as an unevaluated sum of two doubles (about 32
/// significant digits). The residual is computed exactly with integers: value − fl(value) = (N·2^{−E} − M·10^k)/(10^k·2^{−E}).
/// </summary>
internal static class ExactDecimal
{
    public static (double Value, double Residual) Split(string literal)
    {
        double value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        var (numerator, power) = Parse(literal);
        if (value == 0) return (0, 0);

        // value = mantissa · 2^exponent exactly.
        long bits = BitConverter.DoubleToInt64Bits(value);
        int rawExponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = (bits & 0xFFFFFFFFFFFFFL) | (rawExponent == 0 ? 0 : 1L << 52);
        int exponent = (rawExponent == 0 ? 1 : rawExponent) - 1075;
        if (value < 0) mantissa = -mantissa;

        BigInteger tens = BigInteger.Pow(10, power);
        BigInteger differenceNumerator, denominator;
        if (exponent >= 0)
        {
            differenceNumerator = numerator - (new BigInteger(mantissa) << exponent) * tens;
            denominator = tens;
        }
        else
        {
            differenceNumerator = (numerator << -exponent) - new BigInteger(mantissa) * tens;
            denominator = tens << -exponent;
        }

        // Scale so the integer quotient keeps well over 53 significant bits, then undo the scaling.
        const int Shift = 200;
        var quotient = (differenceNumerator << Shift) / denominator;
        return (value, Math.ScaleB((double)quotient, -Shift));
    }

    // "−12.345e-1" → (−12345, 4): value = numerator / 10^power.
    private static (BigInteger Numerator, int Power) Parse(string literal)
    {
        string text = literal.Trim();
        int exponent = 0;
        int e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        int dot = text.IndexOf('.');
        int decimals = dot < 0 ? 0 : text.Length - dot - 1;
        var digits = BigInteger.Parse(dot < 0 ? text : text.Remove(dot, 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int power = decimals - exponent;
        return power >= 0 ? (digits, power) : (digits * BigInteger.Pow(10, -power), 0);
    }
}
