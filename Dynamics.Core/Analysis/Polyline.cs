namespace Dynamics.Analysis;

/// <summary>A curve in the plane as a sequence of points, e.g. one branch of a nullcline.</summary>
/// <param name="Xs">The horizontal coordinates, in order along the curve.</param>
/// <param name="Ys">The vertical coordinates, same length.</param>
public sealed record Polyline(double[] Xs, double[] Ys)
{
    /// <summary>The number of points.</summary>
    public int Count => Xs.Length;

    /// <summary>Whether the last point repeats the first (a closed loop).</summary>
    public bool IsClosed => Xs.Length > 2 && Xs[0] == Xs[^1] && Ys[0] == Ys[^1];

    /// <summary>The total length Σ |pₖ₊₁ − pₖ|.</summary>
    public double Length
    {
        get
        {
            double length = 0;
            for (int k = 1; k < Xs.Length; k++) length += Math.Sqrt(Square(Xs[k] - Xs[k - 1]) + Square(Ys[k] - Ys[k - 1]));
            return length;
        }
    }

    private static double Square(double value) => value * value;
}
