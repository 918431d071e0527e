using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The <see cref="VanDerPol"/> oscillator for many members at once, SIMD across members (structure of arrays,
/// <c>y[j * count + m]</c>): (x, y)' = (y, μ(1 − x²)y − x), with fused multiply-adds, so results differ from
/// <see cref="VanDerPol.Evaluate"/> only in the last bits. As an <see cref="ILaneVectorField{TMember}"/> it evaluates
/// lanes that each hold a different <see cref="VanDerPol"/>.
/// </summary>
/// <param name="Mu">The nonlinearity and damping parameter μ ≥ 0, shared by all members.</param>
public readonly record struct VanDerPolBatch(double Mu) : IBatchVectorField, ILaneVectorField<VanDerPol>
{
    /// <summary>The oscillator with μ = 1. (A struct's default value has μ = 0; use this constructor.)</summary>
    public VanDerPolBatch()
        : this(new VanDerPol().Mu)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public static int MemberDimension => 2;

    /// <inheritdoc/>
    public static int ParameterCount => 1;

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt, int count)
    {
        BatchLength.Check(2, y, dydt, count);
        var kernel = new Kernel(Mu, y, dydt, count);
        Lanes.ForEach(ref kernel, count);
    }

    /// <inheritdoc/>
    public static void WriteParameters(in VanDerPol member, Span<double> parameters) => parameters[0] = member.Mu;

    /// <inheritdoc/>
    public static void EvaluateLanes<TLane>(ReadOnlySpan<double> parameters, TLane t, ReadOnlySpan<double> y, Span<double> dydt)
        where TLane : struct, ILane<TLane> => Lanewise(TLane.Load(parameters, 0), y, dydt, 0, TLane.Count);

    private static void Lanewise<TLane>(TLane mu, ReadOnlySpan<double> y, Span<double> dydt, int m, int stride)
        where TLane : struct, ILane<TLane>
    {
        var x = TLane.Load(y, m);
        var v = TLane.Load(y, m + stride);
        v.Store(dydt, m);
        TLane.MultiplyAdd(mu * TLane.MultiplyAdd(-x, x, TLane.Create(1.0)), v, -x).Store(dydt, m + stride);
    }

    private readonly ref struct Kernel(double mu, ReadOnlySpan<double> y, Span<double> dydt, int count) : ILaneKernel
    {
        private readonly ReadOnlySpan<double> _y = y;
        private readonly Span<double> _dydt = dydt;

        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane> => Lanewise(TLane.Create(mu), _y, _dydt, offset, count);
    }
}
