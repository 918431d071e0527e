namespace Dynamics.Numerics;

/// <summary>Elementary functions evaluated without the cancellation of their naive formulas.</summary>
public static class AccurateMath
{
    /// <summary>
    /// eˣ − 1 to full relative accuracy, also for |x| ≪ 1 where Exp(x) − 1 cancels (Kahan's trick: with u = eˣ rounded,
    /// (u − 1)·x/ln u corrects the rounding of u; Higham, "Accuracy and Stability of Numerical Algorithms", §1.14.1).
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>eˣ − 1.</returns>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        if (um1 == -1) return -1;
        if (double.IsPositiveInfinity(u)) return u;
        return um1 * x / Math.Log(u);
    }
}
