using Dynamics.Simd;
using Dynamics.Fields;

namespace Dynamics.Tests.Support;

/// <summary>
/// A non-autonomous two-dimensional problem with a closed-form solution, for convergence orders: y' = t·J·y with J the
/// rotation generator, i.e. y₁' = −t·y₂, y₂' = t·y₁. From (1, 0) at t = 0 the state turns by t²/2:
/// y = (cos t²/2, sin t²/2). (Problems whose forcing dominates, such as y' = −2ty² variants, let the 5th-order pairs
/// look like order 6 over every step range double precision can resolve, because their principal error coefficients
/// are deliberately tiny; this one shows each method's asymptotic order.)
/// </summary>
public readonly struct AcceleratingRotation : IVectorField
{
    public int Dimension => 2;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        dydt[0] = -t * y[1];
        dydt[1] = t * y[0];
    }

    public static double[] Exact(double t) => [Math.Cos(t * t / 2), Math.Sin(t * t / 2)];
}

/// <summary>y' = y², which blows up at t = 1/y₀.</summary>
public readonly struct BlowUp : ILaneField
{
    public int Dimension => 1;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct => dydt[0] = y[0] * y[0];
}

/// <summary>Free fall y'' = −g as (height, velocity).</summary>
public readonly record struct FreeFall(double Gravity) : IVectorField
{
    public int Dimension => 2;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        dydt[0] = y[1];
        dydt[1] = -Gravity;
    }
}

public static class Norms
{
    public static double MaxDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    /// <summary>The least-squares slope of log(error) against log(step).</summary>
    public static double FittedSlope(IReadOnlyList<double> steps, IReadOnlyList<double> errors)
    {
        var x = steps.Select(s => Math.Log(s)).ToArray();
        var y = errors.Select(e => Math.Log(e)).ToArray();
        double mx = x.Average(), my = y.Average();
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
    }
}
