using Dynamics.Simd;
using Dynamics.Solvers.StepSize;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// The linear algebra of the lockstep steppers, SIMD over a flat structure-of-arrays buffer (the component structure
/// does not matter for linear combinations). Each kernel is one pass; every width computes the same fused operations,
/// so a member's result does not depend on its position in the batch.
/// </summary>
internal static class BatchKernels
{
    /// <summary>destination = y + a·x.</summary>
    public static void AddScaled(ReadOnlySpan<double> y, double a, ReadOnlySpan<double> x, Span<double> destination)
    {
        var kernel = new AddScaledKernel(y, a, x, destination);
        Lanes.ForEach(ref kernel, destination.Length);
    }

    /// <summary>The RK4 middle stages: stageState = y + a·k and sum = sum + w·k (sum = k when w is 0, the first stage).</summary>
    public static void RungeKuttaStage(ReadOnlySpan<double> y, double a, ReadOnlySpan<double> k, double w, Span<double> sum, Span<double> stageState)
    {
        var kernel = new RungeKuttaStageKernel(y, a, k, w, sum, stageState);
        Lanes.ForEach(ref kernel, stageState.Length);
    }

    /// <summary>The RK4 update: y = y + (h/6)·(sum + k₄), where sum = k₁ + 2k₂ + 2k₃.</summary>
    public static void RungeKuttaFinish(ReadOnlySpan<double> sum, ReadOnlySpan<double> k4, double hOverSix, Span<double> y)
    {
        var kernel = new RungeKuttaFinishKernel(sum, k4, hOverSix, y);
        Lanes.ForEach(ref kernel, y.Length);
    }

    /// <summary>
    /// destination = y + Σᵢ weights[i]·stage[columns[i]] (y omitted when empty), the stages stored one after another,
    /// <paramref name="stride"/> values apart. The weights already include h.
    /// </summary>
    public static void Combine(ReadOnlySpan<double> y, ReadOnlySpan<double> stages, int stride, ReadOnlySpan<int> columns,
        ReadOnlySpan<double> weights, Span<double> destination)
    {
        var kernel = new CombineKernel(y, stages, stride, columns, weights, destination);
        Lanes.ForEach(ref kernel, destination.Length);
    }

    /// <summary>
    /// The largest squared RMS error over the batch, each member's measured by the step-control core's norm
    /// (<see cref="StepControl{TLane}.RmsErrorSquared"/>); NaN, which rejects the step, when any member's is.
    /// </summary>
    public static double LargestRmsErrorSquared(ReadOnlySpan<double> error, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1,
        int count, ReadOnlySpan<double> absoluteTolerances, ReadOnlySpan<double> relativeTolerances, Span<double> memberErrors)
    {
        var kernel = new RmsKernel(error, y0, y1, count, absoluteTolerances, relativeTolerances, memberErrors);
        Lanes.ForEach(ref kernel, count);
        double largest = 0;
        for (int m = 0; m < count; m++)
        {
            double e = memberErrors[m];
            // NaN must propagate, which Math.Max would not guarantee.
            if (!(e <= largest)) largest = e;
        }

        return largest;
    }

    private readonly ref struct AddScaledKernel(ReadOnlySpan<double> y, double a, ReadOnlySpan<double> x, Span<double> destination) : ILaneKernel
    {
        private readonly ReadOnlySpan<double> _y = y, _x = x;
        private readonly Span<double> _destination = destination;

        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane> =>
            TLane.MultiplyAdd(TLane.Create(a), TLane.Load(_x, offset), TLane.Load(_y, offset)).Store(_destination, offset);
    }

    private readonly ref struct RungeKuttaStageKernel(ReadOnlySpan<double> y, double a, ReadOnlySpan<double> k, double w, Span<double> sum, Span<double> stageState)
        : ILaneKernel
    {
        private readonly ReadOnlySpan<double> _y = y, _k = k;
        private readonly Span<double> _sum = sum, _stageState = stageState;

        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane>
        {
            var kValue = TLane.Load(_k, offset);
            TLane.MultiplyAdd(TLane.Create(a), kValue, TLane.Load(_y, offset)).Store(_stageState, offset);
            (w == 0 ? kValue : TLane.MultiplyAdd(TLane.Create(w), kValue, TLane.Load(_sum, offset))).Store(_sum, offset);
        }
    }

    private readonly ref struct RungeKuttaFinishKernel(ReadOnlySpan<double> sum, ReadOnlySpan<double> k4, double hOverSix, Span<double> y) : ILaneKernel
    {
        private readonly ReadOnlySpan<double> _sum = sum, _k4 = k4;
        private readonly Span<double> _y = y;

        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane> =>
            TLane.MultiplyAdd(TLane.Create(hOverSix), TLane.Load(_sum, offset) + TLane.Load(_k4, offset), TLane.Load(_y, offset)).Store(_y, offset);
    }

    private readonly ref struct CombineKernel(ReadOnlySpan<double> y, ReadOnlySpan<double> stages, int stride, ReadOnlySpan<int> columns,
        ReadOnlySpan<double> weights, Span<double> destination) : ILaneKernel
    {
        private readonly ReadOnlySpan<double> _y = y, _stages = stages, _weights = weights;
        private readonly ReadOnlySpan<int> _columns = columns;
        private readonly Span<double> _destination = destination;

        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane>
        {
            var acc = _y.IsEmpty ? TLane.Create(0.0) : TLane.Load(_y, offset);
            for (int i = 0; i < _columns.Length; i++)
                acc = TLane.MultiplyAdd(TLane.Create(_weights[i]), TLane.Load(_stages, _columns[i] * stride + offset), acc);
            acc.Store(_destination, offset);
        }
    }

    private readonly ref struct RmsKernel(ReadOnlySpan<double> error, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, int count,
        ReadOnlySpan<double> absoluteTolerances, ReadOnlySpan<double> relativeTolerances, Span<double> memberErrors) : ILaneKernel
    {
        private readonly ReadOnlySpan<double> _error = error, _y0 = y0, _y1 = y1, _absoluteTolerances = absoluteTolerances, _relativeTolerances = relativeTolerances;
        private readonly Span<double> _memberErrors = memberErrors;

        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane> =>
            StepControl<TLane>.RmsErrorSquared(_error, _y0, _y1, offset, count, _absoluteTolerances, _relativeTolerances).Store(_memberErrors, offset);
    }
}
