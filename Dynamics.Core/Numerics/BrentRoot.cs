namespace Dynamics.Numerics;

/// <summary>
/// Brent's root finder (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4, the ZEROIN algorithm):
/// inverse quadratic interpolation and secant steps safeguarded by bisection, so it converges superlinearly on smooth
/// functions and never slower than bisection.
/// </summary>
public static class BrentRoot
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Finds x in [a, b] with f(x) = 0, given f(a) and f(b) of opposite signs (or one of them zero). The returned x
    /// is within 2ε|x| + ½·<paramref name="absoluteTolerance"/> of a sign change of f.
    /// </summary>
    /// <typeparam name="TFunction">The function type; a struct is inlined.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="a">One end of the bracket.</param>
    /// <param name="b">The other end of the bracket.</param>
    /// <param name="fa">f(a).</param>
    /// <param name="fb">f(b).</param>
    /// <param name="absoluteTolerance">The absolute tolerance in x (≥ 0; 0 asks for machine precision).</param>
    /// <param name="maxIterations">A bound on the number of evaluations.</param>
    /// <returns>The root.</returns>
    /// <exception cref="ArgumentException">f(a) and f(b) have the same strict sign.</exception>
    public static double Find<TFunction>(ref TFunction f, double a, double b, double fa, double fb,
        double absoluteTolerance = 0, int maxIterations = 200)
        where TFunction : struct, IScalarFunction
    {
        if (fa == 0) return a;
        if (fb == 0) return b;
        if (Math.Sign(fa) == Math.Sign(fb))
            throw new ArgumentException($"f(a) = {fa} and f(b) = {fb} do not bracket a root.", nameof(fb));

        double c = a, fc = fa, d = b - a, e = d;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }

            // The subnormal floor keeps the iteration moving when the root is exactly 0 and no tolerance is given.
            double tol = Math.Max(2 * MachineEpsilon * Math.Abs(b) + 0.5 * absoluteTolerance, double.Epsilon);
            double m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0) return b;

            if (Math.Abs(e) < tol || Math.Abs(fa) <= Math.Abs(fb))
            {
                d = m; e = m;
            }
            else
            {
                double s = fb / fa, p, q;
                if (a == c)
                {
                    p = 2 * m * s;
                    q = 1 - s;
                }
                else
                {
                    double qa = fa / fc, r = fb / fc;
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }

                if (p > 0) q = -q; else p = -p;
                if (2 * p < 3 * m * q - Math.Abs(tol * q) && p < Math.Abs(0.5 * e * q))
                {
                    e = d; d = p / q;
                }
                else
                {
                    d = m; e = m;
                }
            }

            a = b; fa = fb;
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = f.Evaluate(b);
            if (Math.Sign(fb) == Math.Sign(fc))
            {
                c = a; fc = fa; d = b - a; e = d;
            }
        }

        return b;
    }
}
