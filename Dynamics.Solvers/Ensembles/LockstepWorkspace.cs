using Dynamics.Solvers.RungeKutta;
using Dynamics.Fields;
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
    private readonly LockstepOptions _options;
    private readonly int _n, _direction;
    private readonly double _startTime, _endTime;
    private readonly double[] _y, _yNew, _stage, _sum, _k, _error, _memberErrors, _scaledWeights;

    public LockstepWorkspace(TField field, LockstepMethod method, LockstepOptions options, int batchSize, double startTime, double endTime)
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
    }

    public LockstepBatchResult Run(double[] states, int count, int first, int size, SolveStatus[] memberStatus)
    {
        int length = _n * size;
        var y = _y.AsSpan(0, length);
        for (int j = 0; j < _n; j++) states.AsSpan(j * count + first, size).CopyTo(y.Slice(j * size, size));

        var result = _options.CancellationToken.IsCancellationRequested
            ? LockstepOutcome.NotStarted(first, size, _startTime)
            : _method == LockstepMethod.DormandPrince5 && _options.StepSize is null
                ? Adaptive(first, size)
                : Fixed(first, size);

        y = _y.AsSpan(0, length);
        for (int j = 0; j < _n; j++) y.Slice(j * size, size).CopyTo(states.AsSpan(j * count + first, size));
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
        var grid = new FixedGrid(_startTime, _endTime, _options.StepSize!.Value);
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
            if (steps >= _options.MaxSteps) return LockstepOutcome.MaxStepsReached(first, size, t, _options.MaxSteps, statistics);
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

    // The same loop as Integrator's adaptive mode (controller, error history floor, no growth after a rejection, the
    // 1% rule for the last step, minimum step), with the batch's largest member error as the error.
    private LockstepBatchResult Adaptive(int first, int size)
    {
        int length = _n * size;
        double rtol = _options.RelativeTolerance, atol = _options.AbsoluteTolerance, t = _startTime;
        var controller = _options.Controller;
        const int k = DormandPrinceCoefficients.ErrorExponent;
        _options.Observer?.Observe(first, size, t, _y.AsSpan(0, length));
        _field.Evaluate(t, _y.AsSpan(0, length), _k.AsSpan(0, length), size);
        double h = InitialStep(size, rtol, atol);
        long accepted = 0, rejected = 0, evaluations = 2;
        double previousError = 1, errorBeforeThat = 1;
        bool lastRejected = false, lastNonFinite = false;
        while (true)
        {
            var statistics = new SolverStatistics(evaluations, accepted, rejected);
            if (accepted + rejected >= _options.MaxSteps) return LockstepOutcome.MaxStepsReached(first, size, t, _options.MaxSteps, statistics);
            if (_options.CancellationToken.IsCancellationRequested) return LockstepOutcome.Cancelled(first, size, t, statistics);
            bool landsOnEnd = _direction * (t + 1.01 * h - _endTime) >= 0;
            if (landsOnEnd) h = _endTime - t;
            double minStep = 16 * Epsilon * Math.Abs(t);
            if (!landsOnEnd && Math.Abs(h) < minStep)
            {
                return lastNonFinite
                    ? new LockstepBatchResult(first, size, SolveStatus.NonFiniteState,
                        $"A member's trial state became non-finite near t = {Require.Format(t)}, and shrinking the shared step to |h| = {Require.Format(Math.Abs(h))} did not help.", t, statistics)
                    : new LockstepBatchResult(first, size, SolveStatus.StepSizeTooSmall,
                        $"Step size underflow at t = {Require.Format(t)}: |h| = {Require.Format(Math.Abs(h))} is below the minimum {Require.Format(minStep)}.", t, statistics);
            }

            DormandPrinceAttempt(t, h, size);
            evaluations += Stages - 1;
            double error = BatchKernels.LargestRmsError(_error.AsSpan(0, length), _y.AsSpan(0, length), _yNew.AsSpan(0, length), _n, size, rtol, atol,
                _memberErrors.AsSpan(0, size));
            if (error <= 1)
            {
                double factor = controller.AcceptedFactor(error, previousError, errorBeforeThat, k);
                if (lastRejected) factor = Math.Min(factor, 1.0);
                errorBeforeThat = previousError;
                previousError = Math.Max(error, 1e-4);
                AcceptDormandPrince(length);
                accepted++;
                lastRejected = lastNonFinite = false;
                t = landsOnEnd ? _endTime : t + h;
                h *= factor;
                _options.Observer?.Observe(first, size, t, _y.AsSpan(0, length));
                if (landsOnEnd) return LockstepOutcome.Success(first, size, t, new SolverStatistics(evaluations, accepted, rejected));
                continue;
            }

            rejected++;
            lastRejected = true;
            lastNonFinite = !double.IsFinite(error);
            h *= controller.RejectedFactor(lastNonFinite ? double.PositiveInfinity : error, k);
        }
    }

    // Hairer, Nørsett & Wanner I, II.4 per member, as Integrator does for one trajectory; the batch takes the smallest
    // first guess for its shared trial evaluation and then the smallest proposal.
    private double InitialStep(int size, double rtol, double atol)
    {
        int length = _n * size;
        var y = _y.AsSpan(0, length);
        var f0 = _k.AsSpan(0, length);
        double span = Math.Abs(_endTime - _startTime), h0 = span;
        var d1 = _memberErrors.AsSpan(0, size);
        for (int m = 0; m < size; m++)
        {
            double d0Sum = 0, d1Sum = 0;
            for (int j = 0; j < _n; j++)
            {
                double scale = atol + rtol * Math.Abs(y[j * size + m]);
                d0Sum += (y[j * size + m] / scale) * (y[j * size + m] / scale);
                d1Sum += (f0[j * size + m] / scale) * (f0[j * size + m] / scale);
            }

            double d0 = Math.Sqrt(d0Sum / _n);
            d1[m] = Math.Sqrt(d1Sum / _n);
            h0 = Math.Min(h0, d0 < 1e-5 || d1[m] < 1e-5 ? 1e-6 : 0.01 * d0 / d1[m]);
        }

        var trial = _stage.AsSpan(0, length);
        var f1 = _sum.AsSpan(0, length);
        for (int i = 0; i < length; i++) trial[i] = y[i] + _direction * h0 * f0[i];
        _field.Evaluate(_startTime + _direction * h0, trial, f1, size);
        double h = Math.Min(100 * h0, span);
        for (int m = 0; m < size; m++)
        {
            double d2Sum = 0;
            for (int j = 0; j < _n; j++)
            {
                double scale = atol + rtol * Math.Abs(y[j * size + m]);
                double difference = (f1[j * size + m] - f0[j * size + m]) / scale;
                d2Sum += difference * difference;
            }

            double d2 = Math.Sqrt(d2Sum / _n) / h0, dMax = Math.Max(d1[m], d2);
            double h1 = !double.IsFinite(dMax) ? h0 : dMax <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dMax, 1.0 / (DormandPrinceCoefficients.Tableau.Order + 1));
            h = Math.Min(h, h1);
        }

        return _direction * h;
    }
}
