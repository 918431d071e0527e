namespace Dynamics.Simd;

/// <summary>The IEEE 754 binary64 layout the lanes' exact exponent and significand operations take apart.</summary>
internal static class BinaryLayout
{
    /// <summary>The exponent bias: a normal double is 1.f · 2^(E − 1023).</summary>
    public const long ExponentBias = 1023;

    /// <summary>The 52 fraction bits.</summary>
    public const long FractionMask = 0x000F_FFFF_FFFF_FFFF;

    /// <summary>The bits of 1.0: exponent field 1023, fraction 0.</summary>
    public const long OneBits = 0x3FF0_0000_0000_0000;

    /// <summary>2⁵²: the spacing of doubles in [2⁵², 2⁵³) is 1, so an integer below 2⁵² added to it lands in its low bits.</summary>
    public const double TwoTo52 = 4503599627370496.0;

    /// <summary>The bits of 2⁵².</summary>
    public const long TwoTo52Bits = 0x4330_0000_0000_0000;
}
