using Dynamics.Plotting.Styling;

namespace Dynamics.Tests.Plotting.Styling;

public class FigureTextTests
{
    [Theory]
    [InlineData(-6, "10⁻⁶")]
    [InlineData(12, "10¹²")]
    public void Exponents_become_real_superscripts(int exponent, string expected) =>
        Assert.Equal(expected, "10" + FigureText.Superscript(exponent.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(2.5e-7, 2, "2.5×10⁻⁷")]
    [InlineData(1e-8, 3, "10⁻⁸")]
    [InlineData(-0.125, 3, "\u22120.125")]
    [InlineData(1234.5, 3, "1230")]
    [InlineData(0, 3, "0")]
    public void Numbers_use_one_format_with_a_true_minus_sign(double value, int digits, string expected) =>
        Assert.Equal(expected, FigureText.Number(value, digits));

    [Theory]
    [InlineData(-2, 1, "\u22122π")]
    [InlineData(-1, 2, "\u2212π/2")]
    [InlineData(0, 2, "0")]
    [InlineData(3, 2, "3π/2")]
    [InlineData(2, 2, "π")]
    public void Angle_ticks_are_multiples_of_pi(int numerator, int denominator, string expected) =>
        Assert.Equal(expected, FigureText.PiMultiple(numerator, denominator));

    [Fact]
    public void Hyphens_before_numbers_become_minus_signs_but_words_keep_theirs()
    {
        Assert.Equal("α = \u22121, x ∈ [\u22122, \u22120.5], WGAN-GP", FigureText.Minuses("α = -1, x ∈ [-2, -0.5], WGAN-GP"));
        Assert.Equal("\u22120.5", FigureStyle.TickLabel(-0.5));
        Assert.Equal("0", FigureStyle.TickLabel(-1e-15));
        Assert.Equal("Duffing — α = \u22121", FigureStyle.Title("Duffing", "α = -1"));
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("significant", Assert.Throws<ArgumentOutOfRangeException>(() => FigureText.Number(1, 0)).ParamName);
        Assert.Equal("denominator", Assert.Throws<ArgumentOutOfRangeException>(() => FigureText.PiMultiple(1, 0)).ParamName);
    }
}
