using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The solar-furnace mirror (see <see cref="ReflectorProfile"/>) as a planar autonomous system in a curve parameter,
/// state (x, y), focus at the origin, r = √(x² + y²). The slope y/(x + r) equals (r − x)/y (multiply by (r − x)/(r − x)
/// and use r² − x² = y²), so the tangent can be taken as (y, r − x), which never vanishes on a mirror (C = r − x &gt; 0)
/// and is vertical at the vertex: integrating it passes through the point where dy/dx blows up, from one branch of the
/// parabola to the other. <see cref="ReflectorParameterisation"/> chooses the scaling of the tangent. C = r − x is
/// conserved in every parameterisation.
/// </summary>
/// <param name="Parameterisation">The parameter along the curve.</param>
public readonly record struct ReflectorCurve(ReflectorParameterisation Parameterisation) : IModel, IHasInvariants, ILaneField
{
    /// <summary>The arc-length parameterisation. (Same as the default value; written out for clarity.)</summary>
    public ReflectorCurve()
        : this(ReflectorParameterisation.ArcLength)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Solar-furnace mirror curve";

    /// <inheritdoc/>
    public string Parameters => Parameterisation switch
    {
        ReflectorParameterisation.ArcLength => "arc length",
        ReflectorParameterisation.CurveParameter => "tangent (y, r − x)",
        _ => "tangent (x + r, y)",
    };

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["x (along the rays)", "y"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    /// <remarks>The parameterisation is structure (the same for every lane), not a parameter.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T x = y[0], q = y[1], r = T.Sqrt(x * x + q * q);
        switch (Parameterisation)
        {
            case ReflectorParameterisation.ArcLength:
                // |(y, r − x)|² = y² + r² − 2rx + x² = 2r(r − x).
                T norm = T.Sqrt(T.Create(2.0) * r * (r - x));
                dydt[0] = q / norm;
                dydt[1] = (r - x) / norm;
                break;
            case ReflectorParameterisation.CurveParameter:
                dydt[0] = q;
                dydt[1] = r - x;
                break;
            default:
                dydt[0] = x + r;
                dydt[1] = q;
                break;
        }
    }

    /// <summary>The first integral C = √(x² + y²) − x.</summary>
    public IReadOnlyList<Invariant> Invariants => [new Invariant("C = √(x² + y²) − x", (t, y) => SolarFurnace.Constant(y[0], y[1]))];
}
