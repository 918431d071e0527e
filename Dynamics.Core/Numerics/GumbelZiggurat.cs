using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Numerics;

/// <summary>
/// The tables of the two-sided ziggurat for the standard Gumbel density f(g) = exp(−g − e^{−g}) (mode 0, f(0) = e^{−1}),
/// one monotone ziggurat on each side of the mode, in the distance d = |g| from it:
/// <list type="bullet">
/// <item>right, d = g ≥ 0: f_R(d) = exp(−d − e^{−d}), mass 1 − e^{−1}, tail beyond r: T_R(r) = −expm1(−e^{−r});</item>
/// <item>left, d = −g ≥ 0: f_L(d) = exp(d − e^{d}), mass e^{−1}, tail beyond r: T_L(r) = exp(−e^{r}).</item>
/// </list>
/// All 1,024 layers have the same area v. A side's base layer is the rectangle [0, r]×[0, f(r)] plus the tail beyond r,
/// r·f(r) + T(r) = v, drawn as a rectangle of virtual width v/f(r); layer i ≥ 1 of a side is [0, xᵢ]×[yᵢ, yᵢ + v/xᵢ]
/// with x₁ = r, y₁ = f(r), and the next layer starts at that height, xᵢ₊₁ = f⁻¹(yᵢ + v/xᵢ). A side's top layer is the
/// first whose rectangle reaches f(0) (it overshoots the mode, so its inner bound is 0 and every draw in it goes to the
/// wedge test). The counts n_R(v) + n_L(v) fall as v grows; v is the smallest area with n_R + n_L = 1,024 (bisection).
/// Layers 0 … n_R − 1 are the right side (layer 0 its base), n_R … 1,023 the left (layer n_R its base).
/// Everything is computed with <see cref="LaneMath"/>, so the tables, and every number drawn through them, have the same
/// bits on every platform.
/// </summary>
internal static class GumbelZiggurat
{
    internal const int Layers = 1024;

    /// <summary>f(0) = e^{−1}, the density at the mode (both sides).</summary>
    internal static readonly double Mode = RightDensity(0);

    /// <summary>The common area v of every layer.</summary>
    internal static readonly double Area;

    /// <summary>n_R: the right side's layer count, and the index of the left side's base layer.</summary>
    internal static readonly int LeftBase;

    /// <summary>r_R and r_L: where the right and the left tails begin; and e^{r_L}.</summary>
    internal static readonly double RightTail, LeftTail, ExpLeftTail;

    /// <summary>
    /// Per layer i, the pair (wᵢ, bᵢ) at [2i, 2i + 1]: wᵢ the width carrying the sign of g (negative on the left side; a
    /// base layer's is its virtual width v/f(r)) and bᵢ ≥ 0 the inner rectangle's width, the next layer's |w| (0 for a
    /// top layer). One 16-byte load gives a draw both.
    /// </summary>
    internal static readonly double[] Pairs;

    /// <summary>Layer i's rectangle spans the heights [Lower[i], Upper[i]] (for a base layer, [0, f(r)]).</summary>
    internal static readonly double[] Lower, Upper;

    // The set-up builds ≈ 100 candidate sides (the bisection for v), ≈ 2·10⁵ Newton steps, once per process. Side,
    // TailStart and Inverse are compiled optimised at once (AggressiveOptimization): 64–98 ms instead of 113–288 ms at
    // tier 0 (loaded machine); the same IEEE operations, so the same bits.
    static GumbelZiggurat()
    {
        Area = SmallestClosingArea();
        var right = new Side(false, Area);
        var left = new Side(true, Area);
        // The bisection finds the smallest v with n_R + n_L ≤ 1,024; a count below 1,024 would leave a layer of width 0.
        if (right.Count + left.Count != Layers)
            throw new InvalidOperationException($"The Gumbel ziggurat's layers do not close: {right.Count} + {left.Count} ≠ {Layers}.");
        LeftBase = right.Count;
        RightTail = right.Tail;
        LeftTail = left.Tail;
        ExpLeftTail = LaneMath.ExpOfModerate(LeftTail);
        Pairs = new double[2 * Layers];
        Lower = new double[Layers];
        Upper = new double[Layers];
        right.CopyTo(0, Pairs, Lower, Upper);
        left.CopyTo(LeftBase, Pairs, Lower, Upper);
    }

    /// <summary>f_R(d) = exp(−d − e^{−d}), the density at g = d ≥ 0.</summary>
    internal static double RightDensity(double d) => LaneMath.ExpOfModerate(-d - LaneMath.ExpOfModerate(-d));

    /// <summary>f_L(d) = exp(d − e^{d}), the density at g = −d ≤ 0.</summary>
    internal static double LeftDensity(double d) => LaneMath.ExpOfModerate(d - LaneMath.ExpOfModerate(d));

    /// <summary>The mass beyond distance r of the chosen side: −expm1(−e^{−r}) on the right, exp(−e^{r}) on the left.</summary>
    internal static double TailMass(bool left, double r) =>
        left ? LaneMath.ExpOfModerate(-LaneMath.ExpOfModerate(r)) : -LaneMath.ExpM1(-LaneMath.ExpOfModerate(-r));

    // The smallest v with n_R(v) + n_L(v) ≤ 1,024, by bisection. At v = 1/1,024 the count exceeds 1,024: each side's
    // layers cover its mass and more (the wedges' parts above f and the top layer's overshoot), so (n_R + n_L)·v > 1. An
    // area that is enough is found by growing v by 1 % steps.
    private static double SmallestClosingArea()
    {
        double tooSmall = 1.0 / Layers, enough = tooSmall;
        while (Count(enough) > Layers) (tooSmall, enough) = (enough, 1.01 * enough);
        while (true)
        {
            double middle = 0.5 * (tooSmall + enough);
            if (middle <= tooSmall || middle >= enough) return enough;
            if (Count(middle) <= Layers) enough = middle;
            else tooSmall = middle;
        }

        static int Count(double area) => Side.CountFor(false, area) + Side.CountFor(true, area);
    }

    // One side's ziggurat for area v: its tail start, widths and heights.
    private sealed class Side
    {
        private readonly List<double> _width = [], _bound = [], _lower = [], _upper = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal Side(bool left, double area)
        {
            Tail = TailStart(left, area);
            double y = Density(left, Tail), x = Tail;
            Add(area / y, Tail, 0, y);
            while (true)
            {
                double top = y + area / x;
                bool last = top >= Mode || _width.Count > Layers;
                double next = last ? 0 : Inverse(left, top, x);
                Add(x, next, y, top);
                if (last) break;
                (x, y) = (next, top);
            }

            for (int i = 0; left && i < _width.Count; i++) _width[i] = -_width[i];
        }

        internal double Tail { get; }

        internal int Count => _width.Count;

        internal static int CountFor(bool left, double area) => new Side(left, area).Count;

        internal void CopyTo(int first, double[] pairs, double[] lower, double[] upper)
        {
            for (int i = 0; i < Count; i++)
            {
                pairs[2 * (first + i)] = _width[i];
                pairs[2 * (first + i) + 1] = _bound[i];
                lower[first + i] = _lower[i];
                upper[first + i] = _upper[i];
            }
        }

        private void Add(double width, double bound, double lower, double upper)
        {
            _width.Add(width);
            _bound.Add(bound);
            _lower.Add(lower);
            _upper.Add(upper);
        }

        private static double Density(bool left, double d) => left ? LeftDensity(d) : RightDensity(d);

        // r with r·f(r) + T(r) = v; the left-hand side falls in r (its derivative is r·f′(r) < 0), so bisection.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static double TailStart(bool left, double area)
        {
            double low = 0, high = 40;
            while (true)
            {
                double middle = 0.5 * (low + high);
                if (middle <= low || middle >= high) return high;
                if (middle * Density(left, middle) + TailMass(left, middle) > area) low = middle;
                else high = middle;
            }
        }

        // d ∈ (0, start] with f(d) = y by Newton's method on φ(d) = ln f(d) − ln y, from start (where φ ≤ 0). ln f is
        // concave on both sides (−e^{∓d}'' < 0), so every tangent lies above φ: the iterates fall monotonically onto the
        // root from the right and never overshoot; they stop when a step no longer decreases d.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static double Inverse(bool left, double y, double start)
        {
            double logY = LaneMath.LogOfNormal(y), d = start;
            for (int iteration = 0; iteration < 500; iteration++)
            {
                double e = LaneMath.ExpOfModerate(left ? d : -d);
                double phi = (left ? d - e : -d - e) - logY, slope = left ? 1 - e : e - 1;
                double next = d - phi / slope;
                if (!(next < d) || next <= 0) return d;
                d = next;
            }

            return d;
        }
    }
}
