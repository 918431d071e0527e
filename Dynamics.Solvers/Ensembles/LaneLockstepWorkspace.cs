using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// One worker's buffers for fixed-step lockstep solves of a field with a lane kernel: the batch is stored as groups of
/// W = <c>TLane.Count</c> members (each group's components contiguous, the whole batch in L1) and each stage runs the
/// inlined lane kernel over every group back to back, so the groups' independent dependency chains overlap in the
/// processor and no call is made per group. The arithmetic is exactly that of <see cref="LockstepWorkspace{TField}"/>'s
/// Euler and RK4, so both give the same bits.
/// </summary>
internal class LaneLockstepWorkspace<TField, TLane> : ILockstepWorkspace
    where TField : struct, ILaneField where TLane : struct, ILane<TLane>
{
    private readonly LockstepMethod _method;
    private readonly EnsembleOptions _options;
    private readonly FixedGrid _grid;
    private readonly int _groups;
    private readonly double[] _k, _sum, _stage, _observed;

    public LaneLockstepWorkspace(TField member, LockstepMethod method, EnsembleOptions options, int batchSize, double startTime, double endTime)
    {
        _method = method;
        _options = options;
        _grid = new FixedGrid(startTime, endTime, options.Solver.StepSize!.Value);
        Member = member;
        N = member.Dimension;
        _groups = (batchSize + W - 1) / W;
        int size = _groups * N * W;
        Y = new double[size];
        _k = new double[size];
        _sum = new double[size];
        _stage = new double[size];
        _observed = options.Observer is null ? [] : new double[N * batchSize];
        Span<double> parameters = stackalloc double[LaneField.MaxParameters];
        int parameterCount = LaneField.WriteParameters(member, parameters);
        ParameterCount = parameterCount;
        Parameters = new double[Math.Max(1, parameterCount) * W];
        for (int p = 0; p < parameterCount; p++) Parameters.AsSpan(p * W, W).Fill(parameters[p]);
    }

    public LockstepBatchResult Run(double[] initial, double[] final, int first, int size, SolveStatus[] memberStatus)
    {
        // Member m goes to group m / W, lane m % W. N and Y are read once: read per value, with W a stored field, the
        // transposes were 6 % of a 1,000-step RK4 solve of Lorenz.
        int w = W, n = N, groups = (size + w - 1) / w, nw = n * w;
        var y = Y;
        for (int g = 0; g < groups; g++)
        {
            for (int lane = 0; lane < w; lane++)
            {
                // Padding lanes copy the batch's first member so they stay finite.
                int m = g * w + lane, from = (first + (m < size ? m : 0)) * n, to = g * nw + lane;
                for (int j = 0; j < n; j++) y[to + j * w] = initial[from + j];
            }
        }

        double t = _grid.StartTime;
        long steps = 0;
        Observe(first, size, t);
        LockstepBatchResult result;
        // Without an observer nobody looks between steps, so steps are handed out in blocks that a kernel may run group
        // by group (each member still takes the same steps with the same arithmetic); cancellation is checked between blocks.
        int blockLength = _options.Observer is null ? BlockSteps : 1;
        Span<double> blockTimes = stackalloc double[blockLength], blockSizes = stackalloc double[blockLength];
        while (true)
        {
            var statistics = new SolverStatistics(steps * EvaluationsPerStep, steps, 0);
            if (steps >= _options.Solver.MaxSteps)
            {
                result = LockstepOutcome.MaxStepsReached(first, size, t, _options.Solver.MaxSteps, statistics);
                break;
            }

            if (_options.CancellationToken.IsCancellationRequested)
            {
                result = steps == 0 ? LockstepOutcome.NotStarted(first, size, t) : LockstepOutcome.Cancelled(first, size, t, statistics);
                break;
            }

            int taken = _grid.Block(steps, _options.Solver.MaxSteps, ref t, blockTimes, blockSizes, out bool landsOnEnd);

            if (_method == LockstepMethod.ExplicitEuler) EulerSteps(groups, blockTimes[..taken], blockSizes[..taken]);
            else RungeKutta4Steps(groups, blockTimes[..taken], blockSizes[..taken]);

            steps += taken;
            Observe(first, size, t);
            if (landsOnEnd)
            {
                result = LockstepOutcome.Success(first, size, t, new SolverStatistics(steps * EvaluationsPerStep, steps, 0));
                break;
            }
        }

        for (int m = 0; m < size; m++)
        {
            int from = m / w * nw + m % w, to = (first + m) * n;
            var status = result.Status;
            for (int j = 0; j < n; j++)
            {
                double value = y[from + j * w];
                final[to + j] = value;
                if (status == SolveStatus.Success && !double.IsFinite(value)) status = SolveStatus.NonFiniteState;
            }

            memberStatus[first + m] = status;
        }

        return result;
    }

    /// <summary>The member dimension n.</summary>
    protected int N { get; }

    /// <summary>The lanes per group W, a constant to the JIT (a stored copy cost a division per member in the transposes).</summary>
    protected static int W => TLane.Count;

    /// <summary>The batch's states, group-major: component j of lane l of group g at [(g·n + j)·W + l].</summary>
    protected double[] Y { get; }

    /// <summary>The field whose formula every lane runs.</summary>
    protected TField Member { get; }

    /// <summary>How many parameters the formula reads.</summary>
    protected int ParameterCount { get; }

    /// <summary>Every lane's parameters (all lanes share the member's), parameter-major.</summary>
    protected double[] Parameters { get; }

    private int EvaluationsPerStep => _method == LockstepMethod.ExplicitEuler ? 1 : 4;

    /// <summary>How many steps a block hands to a kernel at most when no observer watches the steps.</summary>
    private const int BlockSteps = 256;

    /// <summary>Takes Euler steps of the given sizes from the given times, one after another, for every group.</summary>
    protected virtual void EulerSteps(int groups, ReadOnlySpan<double> times, ReadOnlySpan<double> sizes)
    {
        for (int k = 0; k < times.Length; k++) EulerStep(groups, times[k], sizes[k]);
    }

    /// <summary>Takes RK4 steps of the given sizes from the given times, one after another, for every group.</summary>
    protected virtual void RungeKutta4Steps(int groups, ReadOnlySpan<double> times, ReadOnlySpan<double> sizes)
    {
        for (int k = 0; k < times.Length; k++) RungeKutta4Step(groups, times[k], sizes[k]);
    }

    protected virtual void EulerStep(int groups, double t, double h)
    {
        int length = groups * N * W;
        var y = Y.AsSpan(0, length);
        var k = _k.AsSpan(0, length);
        Evaluate(groups, t, y, k);
        var step = TLane.Create(h);
        for (int i = 0; i < length; i += W) TLane.MultiplyAdd(step, TLane.Load(k, i), TLane.Load(y, i)).Store(y, i);
    }

    // Kutta (1901) with the same operations as BatchKernels' RK4 passes: stage = y + a·k, sum = k₁ + 2k₂ + 2k₃, y += h/6·(sum + k₄).
    protected virtual void RungeKutta4Step(int groups, double t, double h)
    {
        int length = groups * N * W;
        var y = Y.AsSpan(0, length);
        var k = _k.AsSpan(0, length);
        var sum = _sum.AsSpan(0, length);
        var stage = _stage.AsSpan(0, length);
        var half = TLane.Create(0.5 * h);
        var two = TLane.Create(2.0);
        Evaluate(groups, t, y, k);
        for (int i = 0; i < length; i += W)
        {
            var ki = TLane.Load(k, i);
            TLane.MultiplyAdd(half, ki, TLane.Load(y, i)).Store(stage, i);
            ki.Store(sum, i);
        }

        Evaluate(groups, t + 0.5 * h, stage, k);
        for (int i = 0; i < length; i += W)
        {
            var ki = TLane.Load(k, i);
            TLane.MultiplyAdd(half, ki, TLane.Load(y, i)).Store(stage, i);
            TLane.MultiplyAdd(two, ki, TLane.Load(sum, i)).Store(sum, i);
        }

        Evaluate(groups, t + 0.5 * h, stage, k);
        var full = TLane.Create(h);
        for (int i = 0; i < length; i += W)
        {
            var ki = TLane.Load(k, i);
            TLane.MultiplyAdd(full, ki, TLane.Load(y, i)).Store(stage, i);
            TLane.MultiplyAdd(two, ki, TLane.Load(sum, i)).Store(sum, i);
        }

        Evaluate(groups, t + h, stage, k);
        var sixth = TLane.Create(h / 6);
        for (int i = 0; i < length; i += W) TLane.MultiplyAdd(sixth, TLane.Load(sum, i) + TLane.Load(k, i), TLane.Load(y, i)).Store(y, i);
    }

    // One stage for every group, back to back: the groups' chains are independent, so they overlap in the processor.
    private void Evaluate(int groups, double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int nw = N * W;
        var time = TLane.Create(t);
        var parameters = new LaneVector<TLane>(Parameters, 0, TLane.Count, ParameterCount);
        var member = Member;
        for (int g = 0; g < groups; g++)
        {
            var state = new LaneVector<TLane>(y, g * nw, TLane.Count, N);
            var derivative = new LaneVector<TLane>(dydt, g * nw, TLane.Count, N);
            member.Derivative(in parameters, time, in state, ref derivative);
        }
    }

    private void Observe(int first, int size, double t)
    {
        if (_options.Observer is not { } observer) return;
        int nw = N * W;
        for (int m = 0; m < size; m++)
        {
            for (int j = 0; j < N; j++) _observed[j * size + m] = Y[m / W * nw + j * W + m % W];
        }

        observer.Observe(first, size, t, _observed.AsSpan(0, N * size));
    }
}
