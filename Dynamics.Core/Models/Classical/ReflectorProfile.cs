using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The solar-furnace mirror as a function y(x), with x playing the role of time (docs/classical.md): with the focus at
/// the origin and the sun's rays parallel to the x-axis, the law of reflection makes the triangle focus–tangent
/// intercept–mirror point isosceles, which gives the homogeneous ODE
/// dy/dx = y/(x + √(x² + y²)),
/// solved by the confocal parabolas y² = 2Cx + C² with C = √(x² + y²) − x (the first integral, "distance to the focus =
/// distance to the directrix x = −C"). The slope blows up at the vertex (−C/2, 0), where the field is 0/0: a solve in x
/// cannot pass it, which is why <see cref="ReflectorCurve"/> integrates the same curve in other parameters.
/// Article 1045 of kexue.fm names the problem, but its full text was not found: this formulation is the classic
/// textbook one, a reconstruction (docs/classical.md).
/// </summary>
public readonly record struct ReflectorProfile : IModel, IHasInvariants, ILaneField
{
    /// <inheritdoc/>
    public int Dimension => 1;

    /// <inheritdoc/>
    public string Name => "Solar-furnace mirror y(x)";

    /// <inheritdoc/>
    public string Parameters => "focus at the origin, rays parallel to x";

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["y"];

    /// <summary>Writes dy/dx at (x, y); "time" <paramref name="t"/> is x.</summary>
    /// <param name="t">x.</param>
    /// <param name="y">(y).</param>
    /// <param name="dydt">Receives dy/dx.</param>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T q = y[0];
        dydt[0] = q / (t + T.Sqrt(t * t + q * q));
    }

    /// <summary>The first integral C = √(x² + y²) − x, with x the time.</summary>
    public IReadOnlyList<Invariant> Invariants => [new Invariant("C = √(x² + y²) − x", (t, y) => SolarFurnace.Constant(t, y[0]))];
}
