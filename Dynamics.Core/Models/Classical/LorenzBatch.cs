using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The <see cref="Lorenz"/> system for many members at once, SIMD across members (structure of arrays,
/// <c>y[j * count + m]</c>): x' = σ(y − x), y' = x(ρ − z) − y, z' = xy − βz, with fused multiply-adds, so results
/// differ from <see cref="Lorenz.Evaluate"/> only in the last bits. As an <see cref="ILaneVectorField{TMember}"/> it
/// evaluates lanes that each hold a different <see cref="Lorenz"/> (parameter sweeps).
/// </summary>
/// <param name="Sigma">The Prandtl number σ, shared by all members.</param>
/// <param name="Rho">The Rayleigh number ratio ρ, shared by all members.</param>
/// <param name="Beta">The geometric factor β, shared by all members.</param>
public readonly record struct LorenzBatch(double Sigma, double Rho, double Beta) : IBatchVectorField, ILaneVectorField3<Lorenz>
{
    /// <summary>Lorenz's parameters σ = 10, ρ = 28, β = 8/3. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public LorenzBatch()
        : this(new Lorenz())
    {
    }

    /// <summary>The batch version of one <see cref="Lorenz"/> system's parameters.</summary>
    /// <param name="member">The parameters every member shares.</param>
    public LorenzBatch(Lorenz member)
        : this(member.Sigma, member.Rho, member.Beta)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 3;

    /// <inheritdoc/>
    public static int MemberDimension => 3;

    /// <inheritdoc/>
    public static int ParameterCount => 3;

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt, int count)
    {
        BatchLength.Check(3, y, dydt, count);
        var kernel = new Kernel(this, y, dydt, count);
        Lanes.ForEach(ref kernel, count);
    }

    /// <inheritdoc/>
    public static void WriteParameters(in Lorenz member, Span<double> parameters)
    {
        parameters[0] = member.Sigma;
        parameters[1] = member.Rho;
        parameters[2] = member.Beta;
    }

    /// <inheritdoc/>
    public static void EvaluateLanes<TLane>(ReadOnlySpan<double> parameters, TLane t, ReadOnlySpan<double> y, Span<double> dydt)
        where TLane : struct, ILane<TLane>
    {
        int w = TLane.Count;
        Lanewise(TLane.Load(parameters, 0), TLane.Load(parameters, w), TLane.Load(parameters, 2 * w), y, dydt, 0, w);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void EvaluateLanes<TLane>(in LaneParameters<TLane> parameters, TLane t, TLane y0, TLane y1, TLane y2, out TLane dy0, out TLane dy1, out TLane dy2)
        where TLane : struct, ILane<TLane> =>
        Derivative(parameters.P0, parameters.P1, parameters.P2, y0, y1, y2, out dy0, out dy1, out dy2);

    private static void Lanewise<TLane>(TLane sigma, TLane rho, TLane beta, ReadOnlySpan<double> y, Span<double> dydt, int m, int stride)
        where TLane : struct, ILane<TLane>
    {
        Derivative(sigma, rho, beta, TLane.Load(y, m), TLane.Load(y, m + stride), TLane.Load(y, m + 2 * stride), out var dx, out var dv, out var dz);
        dx.Store(dydt, m);
        dv.Store(dydt, m + stride);
        dz.Store(dydt, m + 2 * stride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Derivative<TLane>(TLane sigma, TLane rho, TLane beta, TLane x, TLane v, TLane z, out TLane dx, out TLane dv, out TLane dz)
        where TLane : struct, ILane<TLane>
    {
        dx = sigma * (v - x);
        dv = TLane.MultiplySubtract(x, rho - z, v);
        dz = TLane.MultiplySubtract(x, v, beta * z);
    }

    private readonly ref struct Kernel(LorenzBatch field, ReadOnlySpan<double> y, Span<double> dydt, int count) : ILaneKernel
    {
        private readonly ReadOnlySpan<double> _y = y;
        private readonly Span<double> _dydt = dydt;

        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane> =>
            Lanewise(TLane.Create(field.Sigma), TLane.Create(field.Rho), TLane.Create(field.Beta), _y, _dydt, offset, count);
    }
}
