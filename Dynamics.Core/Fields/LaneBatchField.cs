using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// Many members of one <see cref="ILaneField"/> sharing its parameters, evaluated SIMD across members from the field's
/// one formula: component-major (<c>y[j * count + m]</c>), groups of 8 or 4 members per register and single members
/// for the rest, every group computing exactly what <see cref="IVectorField.Evaluate"/> computes for each member, to the
/// bit. The lockstep ensemble runs fields given this way through its register kernels.
/// </summary>
/// <typeparam name="TField">The member field type; a struct is inlined.</typeparam>
/// <param name="Member">The field every member shares.</param>
public readonly record struct LaneBatchField<TField>(TField Member) : IBatchVectorField where TField : struct, ILaneField
{
    /// <inheritdoc/>
    public int Dimension => Member.Dimension;

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt, int count)
    {
        int n = Member.Dimension;
        BatchLength.Check(n, y, dydt, count);
        var kernel = new Kernel(Member, t, y, dydt, count, n);
        Lanes.ForEach(ref kernel, count);
    }

    private readonly ref struct Kernel(TField member, double t, ReadOnlySpan<double> y, Span<double> dydt, int count, int n) : ILaneKernel
    {
        private readonly ReadOnlySpan<double> _y = y;
        private readonly Span<double> _dydt = dydt;

        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane>
        {
            var state = new LaneVector<TLane>(_y, offset, count, n);
            var derivative = new LaneVector<TLane>(_dydt, offset, count, n);
            member.Derivative(default(BroadcastParameters<TLane>), TLane.Create(t), in state, ref derivative);
        }
    }
}
