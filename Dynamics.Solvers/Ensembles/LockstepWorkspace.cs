using Dynamics.Solvers.RungeKutta;
using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Solvers.StepSize;
using Dynamics.Validation;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// One worker's buffers for the lockstep solver, allocated once and reused for every batch it runs: a batch is copied
/// from the ensemble's component-major array into contiguous buffers, advanced to the end, and copied back.
/// </summary>
internal sealed class LockstepWorkspace<TField> : ILockstepWorkspace where TField : IBatchVectorField
{
    private const double Epsilon = 2.220446049250313e-16;
    private const int Stages = DormandPrinceCoefficients.Stages;

    private readonly TField _field;
    private readonly LockstepMethod _method;
    private readonly EnsembleOptions _options;
    private readonly int _n, _direction;
    private readonly double _startTime, _endTime;
    private readonly double[] _y, _yNew, _stage, _sum, _k, _error, _memberErrors, _scaledWeights, _absoluteTolerances, _relativeTolerances;

    public LockstepWorkspace(TField field, LockstepMethod method, EnsembleOptions options, int batchSize, double startTime, double endTime)
    {
        _field = field;
        _method = method;
        _options = options;
        _n = field.Dimension;
        _startTime = startTime;
        _endTime = endTime;
        _direction = endTime > startTime ? 1 : -1;
        int size = _n * batchSize;
        _y = new double[size];
        _yNew = new double[size];
        _stage = new double[size];
        _sum = new double[size];
        _error = new double[size];
        _k = new double[Stages * size];
        _memberErrors = new double[batchSize];
        _scaledWeights = new double[Stages];
        _absoluteTolerances = options.Solver.EffectiveAbsoluteTolerances(_n);
        _relativeTolerances = options.Solver.EffectiveRelativeTolerances(_n, null);
    }

    public LockstepBatchResult Run(double[] initial, double[] final, int first, int size, SolveStatus[] memberStatus)
    {
        int length = _n * size;
        var y = _y.AsSpan(0, length);
        for (int m = 0; m < size; m++)
        {
            for (int j = 0; j < _n; j++) y[j * size + m] = initial[(first + m) * _n + j];
        }

        var result = _options.CancellationToken.IsCancellationRequested
            ? LockstepOutcome.NotStarted(first, size, _startTime)
            : _method == LockstepMethod.DormandPrince5 && _options.Solver.StepSize is null
                ? Adaptive(first, size)
                : Fixed(first, size);

        y = _y.AsSpan(0, length);
        for (int m = 0; m < size; m++)
        {
            for (int j = 0; j < _n; j++) final[(first + m) * _n + j] = y[j * size + m];
        }
        for (int m = 0; m < size; m++)
        {
            var status = result.Status;
            if (status == SolveStatus.Success)
            {
                for (int j = 0; j < _n; j++)
                {
                    if (!double.IsFinite(y[j * size + m])) status = SolveStatus.NonFiniteState;
                }
            }

            memberStatus[first + m] = status;
        }

        return result;
    }

    private LockstepBatchResult Fixed(int first, int size)
    {
        var grid = new FixedGrid(_startTime, _endTime, _options.Solver.StepSize!.Value);
        double t = _startTime;
        int length = _n * size, evaluationsPerStep = _method switch
        {
            LockstepMethod.ExplicitEuler => 1,
            LockstepMethod.RungeKutta4 => 4,
            _ => Stages - 1,
        };
        long steps = 0, evaluations = 0;
        var y = _y.AsSpan(0, length);
        _options.Observer?.Observe(first, size, t, y);
        if (_method == LockstepMethod.DormandPrince5)
        {
            _field.Evaluate(t, y, _k.AsSpan(0, length), size);
            evaluations++;
        }

        while (true)
        {
            var statistics = new SolverStatistics(evaluations, steps, 0);
            if (steps >= _options.Solver.MaxSteps) return LockstepOutcome.MaxStepsReached(first, size, t, _options.Solver.MaxSteps, statistics);
            if (_options.CancellationToken.IsCancellationRequested) return LockstepOutcome.Cancelled(first, size, t, statistics);
            bool landsOnEnd = grid.Step(steps, t, out double h);
            switch (_method)
            {
                case LockstepMethod.ExplicitEuler:
                    EulerStep(t, h, size);
                    break;
                case LockstepMethod.RungeKutta4:
                    RungeKutta4Step(t, h, size);
                    break;
                default:
                    DormandPrinceAttempt(t, h, size);
                    AcceptDormandPrince(length);
                    break;
            }

            steps++;
            evaluations += evaluationsPerStep;
            t = landsOnEnd ? _endTime : t + h;
            _options.Observer?.Observe(first, size, t, _y.AsSpan(0, length));
            if (landsOnEnd) return LockstepOutcome.Success(first, size, t, new SolverStatistics(evaluations, steps, 0));
        }
    }

    private void EulerStep(double t, double h, int size)
    {
        int length = _n * size;
        var y = _y.AsSpan(0, length);
        var k = _k.AsSpan(0, length);
        _field.Evaluate(t, y, k, size);
        BatchKernels.AddScaled(y, h, k, y);
    }

    // k₁…k₄ of Kutta (1901), accumulating k₁ + 2k₂ + 2k₃ as the stages come so only one stage buffer is live.
    private void RungeKutta4Step(double t, double h, int size)
    {
        int length = _n * size;
        var y = _y.AsSpan(0, length);
        var k = _k.AsSpan(0, length);
        var sum = _sum.AsSpan(0, length);
        var stage = _stage.AsSpan(0, length);
        double half = 0.5 * h;
        _field.Evaluate(t, y, k, size);
        BatchKernels.RungeKuttaStage(y, half, k, 0, sum, stage);
        _field.Evaluate(t + half, stage, k, size);
        BatchKernels.RungeKuttaStage(y, half, k, 2, sum, stage);
        _field.Evaluate(t + half, stage, k, size);
        BatchKernels.RungeKuttaStage(y, h, k, 2, sum, stage);
        _field.Evaluate(t + h, stage, k, size);
        BatchKernels.RungeKuttaFinish(sum, k, h / 6, y);
    }

    // Stages 2…7 from k₁ (already in place); the seventh is f at the new state (FSAL), so the new state is built in
    // _yNew and the error estimate h·Σ eᵢkᵢ in _error.
    private void DormandPrinceAttempt(double t, double h, int size)
    {
        int length = _n * size;
        var y = _y.AsSpan(0, length);
        var k = _k.AsSpan(0, Stages * length);
        var weights = _scaledWeights.AsSpan();
        for (int i = 1; i < Stages; i++)
        {
            var (columns, coefficients) = DormandPrinceCoefficients.Rows[i];
            for (int c = 0; c < columns.Length; c++) weights[c] = h * coefficients[c];
            var state = i == Stages - 1 ? _yNew.AsSpan(0, length) : _stage.AsSpan(0, length);
            BatchKernels.Combine(y, k, length, columns, weights[..columns.Length], state);
            _field.Evaluate(t + DormandPrinceCoefficients.Tableau.C[i] * h, state, k.Slice(i * length, length), size);
        }

        for (int c = 0; c < DormandPrinceCoefficients.ErrorRow.Columns.Length; c++) weights[c] = h * DormandPrinceCoefficients.ErrorRow.Weights[c];
        BatchKernels.Combine([], k, length, DormandPrinceCoefficients.ErrorRow.Columns, weights[..DormandPrinceCoefficients.ErrorRow.Columns.Length], _error.AsSpan(0, length));
    }

    private void AcceptDormandPrince(int length)
    {
        _yNew.AsSpan(0, length).CopyTo(_y);
        _k.AsSpan((Stages - 1) * length, length).CopyTo(_k);
    }

    // The step-control core's loop, as Integrator's adaptive mode runs it, with one shared step for the batch whose
    // error is the batch's largest member error.
    private LockstepBatchResult Adaptive(int first, int size)
    {
        int length = _n * size;
        double t = _startTime;
        var solver = _options.Solver;
        var control = new StepControl<ScalarLane>(solver.Controller, DormandPrinceCoefficients.ErrorExponent, solver.MaxStep, solver.MinStep);
        var history = default(StepHistory<ScalarLane>);
        var (end, direction, always) = (ScalarLane.Create(_endTime), ScalarLane.Create(_direction), ScalarLane.Create(BitConverter.Int64BitsToDouble(-1)));
        _options.Observer?.Observe(first, size, t, _y.AsSpan(0, length));
        _field.Evaluate(t, _y.AsSpan(0, length), _k.AsSpan(0, length), size);
        double proposal = solver.InitialStep ?? InitialStep(size);
        long accepted = 0, rejected = 0, evaluations = solver.InitialStep is null ? 2 : 1;
        while (true)
        {
            var statistics = new SolverStatistics(evaluations, accepted, rejected);
            if (accepted + rejected >= _options.Solver.MaxSteps) return LockstepOutcome.MaxStepsReached(first, size, t, _options.Solver.MaxSteps, statistics);
            if (_options.CancellationToken.IsCancellationRequested) return LockstepOutcome.Cancelled(first, size, t, statistics);
            double h = control.NextStep(ScalarLane.Create(t), ScalarLane.Create(proposal), end, direction, out var landsOnEnd, out uint tooSmall).Value;
            if (tooSmall != 0)
            {
                return ScalarLane.MaskBits(history.LastNonFinite) != 0
                    ? new LockstepBatchResult(first, size, SolveStatus.NonFiniteState,
                        $"A member's trial state became non-finite near t = {Require.Format(t)}, and shrinking the shared step to |h| = {Require.Format(Math.Abs(h))} did not help.", t, statistics)
                    : new LockstepBatchResult(first, size, SolveStatus.StepSizeTooSmall,
                        $"Step size underflow at t = {Require.Format(t)}: |h| = {Require.Format(Math.Abs(h))} is below the minimum {Require.Format(Math.Max(solver.MinStep, 16 * Epsilon * Math.Abs(t)))}.", t, statistics);
            }

            DormandPrinceAttempt(t, h, size);
            evaluations += Stages - 1;
            double errorSquared = BatchKernels.LargestRmsErrorSquared(_error.AsSpan(0, length), _y.AsSpan(0, length), _yNew.AsSpan(0, length), size,
                _absoluteTolerances, _relativeTolerances, _memberErrors.AsSpan(0, size));
            proposal = h * control.Adapt(ScalarLane.Create(errorSquared), always, ref history, out var accept).Value;
            if (ScalarLane.MaskBits(accept) == 0)
            {
                rejected++;
                continue;
            }

            AcceptDormandPrince(length);
            accepted++;
            t = ScalarLane.MaskBits(landsOnEnd) != 0 ? _endTime : t + h;
            _options.Observer?.Observe(first, size, t, _y.AsSpan(0, length));
            if (ScalarLane.MaskBits(landsOnEnd) != 0) return LockstepOutcome.Success(first, size, t, new SolverStatistics(evaluations, accepted, rejected));
        }
    }

    // Hairer's initial step (InitialStepSize) per member, as Integrator takes it for one trajectory: the batch takes the
    // smallest first guess for its one shared trial evaluation and then the smallest proposal.
    private double InitialStep(int size)
    {
        int length = _n * size;
        var y = _y.AsSpan(0, length);
        var f0 = _k.AsSpan(0, length);
        double span = Math.Abs(_endTime - _startTime), h0 = span;
        var d1 = _memberErrors.AsSpan(0, size);
        for (int m = 0; m < size; m++)
            h0 = Math.Min(h0, InitialStepSize.FirstGuess(y, f0, m, size, _relativeTolerances, _absoluteTolerances, span, _options.Solver.MaxStep, out d1[m]));

        var trial = _stage.AsSpan(0, length);
        var f1 = _sum.AsSpan(0, length);
        for (int i = 0; i < length; i++) trial[i] = y[i] + _direction * h0 * f0[i];
        _field.Evaluate(_startTime + _direction * h0, trial, f1, size);
        double h = span;
        for (int m = 0; m < size; m++)
        {
            h = Math.Min(h, InitialStepSize.Proposal(y, f0, f1, m, size, _relativeTolerances, _absoluteTolerances, h0, d1[m],
                DormandPrinceCoefficients.Tableau.Order, span, _options.Solver.MaxStep));
        }

        return _direction * h;
    }
}
