using Dynamics.Validation;

namespace Dynamics.Plotting.Styling;

/// <summary>Data for log₁₀ axes (drawn with <see cref="LogTickGenerator"/>): the checked logarithms of paired values.</summary>
internal static class LogScale
{
    /// <summary>log₁₀ of each x and y, after checking the lengths agree and every value is finite and &gt; 0.</summary>
    /// <param name="x">The horizontal values.</param>
    /// <param name="xName">Their name in error messages ("xs" gives "xs[3]").</param>
    /// <param name="y">The vertical values, as many as <paramref name="x"/>.</param>
    /// <param name="yName">Their name in error messages.</param>
    /// <returns>The logarithms, in new arrays.</returns>
    public static (double[] X, double[] Y) Log10Pairs(ReadOnlySpan<double> x, string xName, ReadOnlySpan<double> y, string yName)
    {
        Require.Length(y.Length, x.Length, yName);
        var lx = new double[x.Length];
        var ly = new double[y.Length];
        for (int i = 0; i < lx.Length; i++)
        {
            Require.Positive(x[i], $"{xName}[{i}]");
            Require.Positive(y[i], $"{yName}[{i}]");
            lx[i] = Math.Log10(x[i]);
            ly[i] = Math.Log10(y[i]);
        }

        return (lx, ly);
    }
}
