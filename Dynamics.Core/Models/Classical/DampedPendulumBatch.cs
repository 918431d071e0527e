using Dynamics.Fields;
using Dynamics.Numerics;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The <see cref="DampedPendulum"/> for many members at once, SIMD across members (structure of arrays,
/// <c>y[j * count + m]</c>): (θ, ω)' = (ω, −bω − (g/L) sin θ), with fused multiply-adds and the runtime's vectorised
/// sine, so results differ from <see cref="DampedPendulum.Evaluate"/> only in the last bits. As an
/// <see cref="ILaneVectorField{TMember}"/> it evaluates lanes that each hold a different <see cref="DampedPendulum"/>.
/// </summary>
/// <param name="Damping">The friction coefficient b (1/s), shared by all members.</param>
/// <param name="GravityOverLength">g/L (1/s²), shared by all members.</param>
public readonly record struct DampedPendulumBatch(double Damping, double GravityOverLength) : IBatchVectorField, ILaneVectorField<DampedPendulum>
{
    /// <summary>b = 0.25, g/L = 1 as in <see cref="DampedPendulum()"/>. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public DampedPendulumBatch()
        : this(new DampedPendulum().Damping, new DampedPendulum().GravityOverLength)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public static int MemberDimension => 2;

    /// <inheritdoc/>
    public static int ParameterCount => 2;

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt, int count)
    {
        BatchLength.Check(2, y, dydt, count);
        var kernel = new Kernel(this, y, dydt, count);
        Lanes.ForEach(ref kernel, count);
    }

    /// <inheritdoc/>
    public static void WriteParameters(in DampedPendulum member, Span<double> parameters)
    {
        parameters[0] = member.Damping;
        parameters[1] = member.GravityOverLength;
    }

    /// <inheritdoc/>
    public static void EvaluateLanes<TLane>(ReadOnlySpan<double> parameters, TLane t, ReadOnlySpan<double> y, Span<double> dydt)
        where TLane : struct, ILane<TLane> =>
        Lanewise(TLane.Load(parameters, 0), TLane.Load(parameters, TLane.Count), y, dydt, 0, TLane.Count);

    private static void Lanewise<TLane>(TLane damping, TLane gravityOverLength, ReadOnlySpan<double> y, Span<double> dydt, int m, int stride)
        where TLane : struct, ILane<TLane>
    {
        var theta = TLane.Load(y, m);
        var omega = TLane.Load(y, m + stride);
        omega.Store(dydt, m);
        TLane.MultiplyAdd(-damping, omega, -(gravityOverLength * LaneMath.Sin(theta))).Store(dydt, m + stride);
    }

    private readonly ref struct Kernel(DampedPendulumBatch field, ReadOnlySpan<double> y, Span<double> dydt, int count) : ILaneKernel
    {
        private readonly ReadOnlySpan<double> _y = y;
        private readonly Span<double> _dydt = dydt;

        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane> =>
            Lanewise(TLane.Create(field.Damping), TLane.Create(field.GravityOverLength), _y, _dydt, offset, count);
    }
}
