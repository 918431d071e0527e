using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.StepSize;
using Dynamics.Validation;
using static Dynamics.Solvers.RungeKutta.DormandPrinceCoefficients;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// One worker of <see cref="LaneEnsemble"/>: W = <c>TLane.Count</c> lanes, each integrating its own member with
/// Dormand–Prince 5(4) and its own step control, refilled from the queue as members finish. Step control is
/// <see cref="StepControl{TLane}"/>, the core <see cref="Integrator{TField}"/> uses with one lane, so each lane takes
/// a lone trajectory's steps; all buffers are allocated here, once.
/// </summary>
internal sealed class LaneWorkspace<TField, TLane>
    where TField : struct, ILaneField where TLane : struct, ILane<TLane>
{
    private const int Stages = DormandPrinceCoefficients.Stages, K = DormandPrinceCoefficients.ErrorExponent;
    private static readonly double TrueBits = BitConverter.Int64BitsToDouble(-1);

    private readonly EnsembleProblem<TField> _problem;
    private readonly SolverOptions _options;
    private readonly LaneEnsemble.MemberQueue _queue;
    private readonly LaneEnsemble.LaneResults _results;
    private readonly TField _prototype;
    private readonly int _n, _w, _parameterCount;
    private readonly StepControl<TLane> _control;
    private readonly double[] _y, _yNew, _stage, _k, _error, _parameters, _absoluteTolerances, _relativeTolerances;
    private readonly double[] _t, _h, _attemptStep, _endTime, _direction, _history, _active, _accepted, _rejected;
    private readonly int[] _member, _startEvaluations;
    private readonly double[] _y0, _f0, _trialState, _trialDerivative, _parameterScratch, _laneState;
    private uint _activeBits;
    // A three-component field runs the register kernel (AttemptInRegisters), any other the stage loops.
    private readonly bool _inRegisters;
    // The stage whose lane evaluation is running (0: none), noted only while a failure is traced.
    private int _stageInProgress;

    public LaneWorkspace(EnsembleProblem<TField> problem, Dynamics.Problems.OdeProblem<TField> prototype, SolverOptions options, LaneEnsemble.MemberQueue queue,
        LaneEnsemble.LaneResults results)
    {
        // The formula runs once per group for all its lanes: the members differ only in the parameters it reads, which
        // each lane loads from its own member, so any member serves as the instance the formula is called on.
        _prototype = prototype.Field;
        _parameterCount = LaneField.ParameterCount(_prototype, prototype.InitialState);
        _problem = problem;
        _options = options;
        _queue = queue;
        _results = results;
        _n = _prototype.Dimension;
        _w = TLane.Count;
        int nw = _n * _w;
        _y = new double[nw];
        _yNew = new double[nw];
        _stage = new double[nw];
        _error = new double[nw];
        _k = new double[Stages * nw];
        _parameters = new double[Math.Max(1, _parameterCount) * _w];
        _absoluteTolerances = options.EffectiveAbsoluteTolerances(_n);
        _relativeTolerances = options.EffectiveRelativeTolerances(_n, null);
        _t = new double[_w];
        _h = new double[_w];
        _attemptStep = new double[_w];
        _endTime = new double[_w];
        _direction = new double[_w];
        _history = new double[StepHistory<TLane>.Length * _w];
        _active = new double[_w];
        _accepted = new double[_w];
        _rejected = new double[_w];
        _member = new int[_w];
        _startEvaluations = new int[_w];
        _y0 = new double[_n];
        _f0 = new double[_n];
        _trialState = new double[_n];
        _trialDerivative = new double[_n];
        _laneState = new double[_n];
        _parameterScratch = new double[LaneField.MaxParameters];
        _control = new StepControl<TLane>(options.Controller, K, options.MaxStep, options.MinStep);
        _inRegisters = Registers3Formula.Fits(_n, _parameterCount);
    }

    public void Run()
    {
        for (int lane = 0; lane < _w; lane++) Fill(lane);
        while (_activeBits != 0)
        {
            // The handler sits outside the step loop and the stages record nothing for it, so the loop is compiled as if
            // nothing could throw (a try block per attempt, or noting the stage in a field, cost 25–40%).
            try
            {
                while (_activeBits != 0) Attempt();
            }
            catch (Exception e)
            {
                FailThrowingLanes(e);
            }
        }
    }

    private void Attempt()
    {
        var zero = TLane.Create(0.0);
        var one = TLane.Create(1.0);
        var allTrue = TLane.LessThanOrEqual(zero, zero);
        var active = TLane.Load(_active, 0);
        var t = TLane.Load(_t, 0);
        var endTime = TLane.Load(_endTime, 0);
        var accepted = TLane.Load(_accepted, 0);
        var rejected = TLane.Load(_rejected, 0);

        uint tooMany = TLane.MaskBits(TLane.LessThanOrEqual(TLane.Create(_options.MaxSteps), accepted + rejected)) & _activeBits;
        var h = _control.NextStep(t, TLane.Load(_h, 0), endTime, TLane.Load(_direction, 0), out var lands, out uint tooSmall);
        tooSmall &= _activeBits;
        if ((tooMany | tooSmall) != 0)
        {
            FailLanes(tooMany, tooSmall, h);
            return;
        }

        TLane errorSquared;
        if (_inRegisters)
        {
            h.Store(_attemptStep, 0);
            errorSquared = AttemptInRegisters();
        }
        else
        {
            AttemptStages<NoStageTracking>(t, h);
            errorSquared = ErrorSquared();
        }

        var history = StepHistory<TLane>.Load(_history);
        var factor = _control.Adapt(errorSquared, active, ref history, out var accept);
        history.Store(_history);

        var notAccepted = TLane.ConditionalSelect(accept, zero, allTrue);
        (h * factor).Store(_h, 0);
        TLane.ConditionalSelect(accept, TLane.ConditionalSelect(lands, endTime, t + h), t).Store(_t, 0);
        (accepted + TLane.ConditionalSelect(accept, one, zero)).Store(_accepted, 0);
        (rejected + TLane.ConditionalSelect(TLane.BothTrue(active, notAccepted), one, zero)).Store(_rejected, 0);
        int lastStage = (Stages - 1) * _n * _w;
        for (int j = 0; j < _n; j++)
        {
            int i = j * _w;
            TLane.ConditionalSelect(accept, TLane.Load(_yNew, i), TLane.Load(_y, i)).Store(_y, i);
            TLane.ConditionalSelect(accept, TLane.Load(_k, lastStage + i), TLane.Load(_k, i)).Store(_k, i);
        }

        uint finished = TLane.MaskBits(TLane.BothTrue(accept, lands));
        while (finished != 0)
        {
            int lane = System.Numerics.BitOperations.TrailingZeroCount(finished);
            finished &= finished - 1;
            Finish(lane, SolveStatus.Success, null);
            Fill(lane);
        }
    }

    // Stages 2…7 of Dormand–Prince from k₁ (in place); the seventh is f at the new state (FSAL), built in _yNew.
    // The arrays are taken as spans once, outside the loops (read through the fields inside, every access pays a null
    // check and a reload). The loops over the stored non-zeros keep the method small: unrolled with named coefficients,
    // it exceeded the JIT's inlining budget and ran at half the speed.
    private void AttemptStages<TTracking>(TLane t, TLane h) where TTracking : struct, IStageTracking
    {
        int n = _n, w = _w, nw = n * w;
        ReadOnlySpan<double> y = _y, parameters = _parameters;
        Span<double> k = _k;
        var rows = DormandPrinceCoefficients.Rows;
        var nodes = DormandPrinceCoefficients.Tableau.C;
        for (int s = 1; s < Stages; s++)
        {
            // Compiled away in the step loop (a constant false for NoStageTracking).
            if (TTracking.Enabled) _stageInProgress = s;
            var (columns, weights) = rows[s];
            Span<double> state = s == Stages - 1 ? _yNew : _stage;
            for (int i = 0; i < nw; i += w)
            {
                var acc = TLane.Create(weights[0]) * TLane.Load(k, columns[0] * nw + i);
                for (int c = 1; c < columns.Length; c++) acc = TLane.MultiplyAdd(TLane.Create(weights[c]), TLane.Load(k, columns[c] * nw + i), acc);
                TLane.MultiplyAdd(h, acc, TLane.Load(y, i)).Store(state, i);
            }

            EvaluateLanes(parameters, t + TLane.Create(nodes[s]) * h, state, k.Slice(s * nw, nw));
        }

        var (errorColumns, errorWeights) = DormandPrinceCoefficients.ErrorRow;
        Span<double> error = _error;
        for (int i = 0; i < nw; i += w)
        {
            var acc = TLane.Create(errorWeights[0]) * TLane.Load(k, errorColumns[0] * nw + i);
            for (int c = 1; c < errorColumns.Length; c++) acc = TLane.MultiplyAdd(TLane.Create(errorWeights[c]), TLane.Load(k, errorColumns[c] * nw + i), acc);
            (h * acc).Store(error, i);
        }
    }

    // AttemptStages for a three-component field, with the group's state and all seven stages in registers and the
    // formula inlined (KernelInRegisters), then the norm. Sixteen lanes' stages do not fit in the 32 registers, so a
    // Lane512Pair workspace runs the kernel on its two halves of eight lanes one after the other (independent chains the
    // processor overlaps) while its step control runs on all sixteen, two chains at once. The norm stays a call (a tail
    // call here): with it inlined, the method's temporaries outnumbered the locals the JIT tracks, and the error sums
    // and the norm ran through the stack (a store and a reload per operation). A throwing field is traced by the
    // generic stages.
    private TLane AttemptInRegisters()
    {
        if (typeof(TLane) == typeof(Lane512Pair))
        {
            KernelInRegisters<Lane512>(0);
            KernelInRegisters<Lane512>(Lane512.Count);
        }
        else
        {
            KernelInRegisters<TLane>(0);
        }

        return ErrorSquared();
    }

    // The stages of lanes first … first + TGroup.Count − 1 (component j of lane l at [j·W + l]; t from _t, h from
    // _attemptStep): each stage argument is formed as AttemptStages forms it (the row's non-zeros in column order, the
    // newest stage last, then fma(h, acc, y)), so every lane still takes a lone trajectory's bits. Only the new state,
    // the last stage (FSAL) and the error estimate are stored.
    // These are DormandPrince5Rows' rows on lane groups. Calling one generic set of rows from here and from the scalar
    // paths gave the same bits but cost a third of the lanes' and a quarter of one trajectory's speed (the extra inlining
    // layer exceeded the JIT's budget; RESULTS.md, session 20), so the rows are written twice, in the same order.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void KernelInRegisters<TGroup>(int first) where TGroup : struct, ILane<TGroup>
    {
        int w = _w;
        ReadOnlySpan<double> y = _y, parameters = _parameters;
        Span<double> k = _k, yNew = _yNew;
        var t = TGroup.Load(_t, first);
        var h = TGroup.Load(_attemptStep, first);
        var zero = TGroup.Create(0.0);
        int count = _parameterCount;
        var p = new LaneParameters<TGroup>(count > 0 ? TGroup.Load(parameters, first) : zero, count > 1 ? TGroup.Load(parameters, first + w) : zero,
            count > 2 ? TGroup.Load(parameters, first + 2 * w) : zero, count > 3 ? TGroup.Load(parameters, first + 3 * w) : zero);
        var f = _prototype;
        var (y0, y1, y2) = (TGroup.Load(y, first), TGroup.Load(y, first + w), TGroup.Load(y, first + 2 * w));
        var (k10, k11, k12) = (TGroup.Load(k, first), TGroup.Load(k, first + w), TGroup.Load(k, first + 2 * w));

        var a = TGroup.Create(A21);
        Registers3Formula.Evaluate(in f, in p, t + TGroup.Create(C2) * h,
            TGroup.MultiplyAdd(h, a * k10, y0), TGroup.MultiplyAdd(h, a * k11, y1), TGroup.MultiplyAdd(h, a * k12, y2), out var k20, out var k21, out var k22);

        var (a1, a2) = (TGroup.Create(A31), TGroup.Create(A32));
        Registers3Formula.Evaluate(in f, in p, t + TGroup.Create(C3) * h,
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(a2, k20, a1 * k10), y0),
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(a2, k21, a1 * k11), y1),
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(a2, k22, a1 * k12), y2), out var k30, out var k31, out var k32);

        var (b1, b2, b3) = (TGroup.Create(A41), TGroup.Create(A42), TGroup.Create(A43));
        Registers3Formula.Evaluate(in f, in p, t + TGroup.Create(C4) * h,
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(b3, k30, TGroup.MultiplyAdd(b2, k20, b1 * k10)), y0),
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(b3, k31, TGroup.MultiplyAdd(b2, k21, b1 * k11)), y1),
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(b3, k32, TGroup.MultiplyAdd(b2, k22, b1 * k12)), y2), out var k40, out var k41, out var k42);

        var (c1, c2, c3, c4) = (TGroup.Create(A51), TGroup.Create(A52), TGroup.Create(A53), TGroup.Create(A54));
        Registers3Formula.Evaluate(in f, in p, t + TGroup.Create(C5) * h,
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(c4, k40, TGroup.MultiplyAdd(c3, k30, TGroup.MultiplyAdd(c2, k20, c1 * k10))), y0),
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(c4, k41, TGroup.MultiplyAdd(c3, k31, TGroup.MultiplyAdd(c2, k21, c1 * k11))), y1),
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(c4, k42, TGroup.MultiplyAdd(c3, k32, TGroup.MultiplyAdd(c2, k22, c1 * k12))), y2),
            out var k50, out var k51, out var k52);

        var (d1, d2, d3, d4, d5) = (TGroup.Create(A61), TGroup.Create(A62), TGroup.Create(A63), TGroup.Create(A64), TGroup.Create(A65));
        var tEnd = t + TGroup.Create(1.0) * h;
        Registers3Formula.Evaluate(in f, in p, tEnd,
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(d5, k50, TGroup.MultiplyAdd(d4, k40, TGroup.MultiplyAdd(d3, k30, TGroup.MultiplyAdd(d2, k20, d1 * k10)))), y0),
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(d5, k51, TGroup.MultiplyAdd(d4, k41, TGroup.MultiplyAdd(d3, k31, TGroup.MultiplyAdd(d2, k21, d1 * k11)))), y1),
            TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(d5, k52, TGroup.MultiplyAdd(d4, k42, TGroup.MultiplyAdd(d3, k32, TGroup.MultiplyAdd(d2, k22, d1 * k12)))), y2),
            out var k60, out var k61, out var k62);

        var (e1, e3, e4, e5, e6) = (TGroup.Create(B1), TGroup.Create(B3), TGroup.Create(B4), TGroup.Create(B5), TGroup.Create(B6));
        var n0 = TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(e6, k60, TGroup.MultiplyAdd(e5, k50, TGroup.MultiplyAdd(e4, k40, TGroup.MultiplyAdd(e3, k30, e1 * k10)))), y0);
        var n1 = TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(e6, k61, TGroup.MultiplyAdd(e5, k51, TGroup.MultiplyAdd(e4, k41, TGroup.MultiplyAdd(e3, k31, e1 * k11)))), y1);
        var n2 = TGroup.MultiplyAdd(h, TGroup.MultiplyAdd(e6, k62, TGroup.MultiplyAdd(e5, k52, TGroup.MultiplyAdd(e4, k42, TGroup.MultiplyAdd(e3, k32, e1 * k12)))), y2);
        Registers3Formula.Evaluate(in f, in p, tEnd, n0, n1, n2, out var k70, out var k71, out var k72);

        var (r1, r3, r4, r5, r6, r7) = (TGroup.Create(E1), TGroup.Create(E3), TGroup.Create(E4), TGroup.Create(E5), TGroup.Create(E6), TGroup.Create(E7));
        var err0 = h * TGroup.MultiplyAdd(r7, k70, TGroup.MultiplyAdd(r6, k60, TGroup.MultiplyAdd(r5, k50, TGroup.MultiplyAdd(r4, k40, TGroup.MultiplyAdd(r3, k30, r1 * k10)))));
        var err1 = h * TGroup.MultiplyAdd(r7, k71, TGroup.MultiplyAdd(r6, k61, TGroup.MultiplyAdd(r5, k51, TGroup.MultiplyAdd(r4, k41, TGroup.MultiplyAdd(r3, k31, r1 * k11)))));
        var err2 = h * TGroup.MultiplyAdd(r7, k72, TGroup.MultiplyAdd(r6, k62, TGroup.MultiplyAdd(r5, k52, TGroup.MultiplyAdd(r4, k42, TGroup.MultiplyAdd(r3, k32, r1 * k12)))));

        n0.Store(yNew, first);
        n1.Store(yNew, first + w);
        n2.Store(yNew, first + 2 * w);
        int last = (Stages - 1) * 3 * w + first;
        k70.Store(k, last);
        k71.Store(k, last + w);
        k72.Store(k, last + 2 * w);

        Span<double> error = _error;
        err0.Store(error, first);
        err1.Store(error, first + w);
        err2.Store(error, first + 2 * w);
    }

    // Something in the step loop threw. The attempt is replayed with the stage noted: the states and the first stage are
    // untouched by a failed attempt, so a deterministic kernel throws again at the same stage. Each active member's own
    // field is then evaluated at its stage point, and the members whose field throws there end with UserCodeFailed and
    // their exception; if none does (the kernel alone failed), every active member ends with the kernel's exception.
    // The surviving lanes retry the same step and stay bit-identical to lone solves. If the replay does not throw, the
    // exception did not come from the field (e.g. the member factory) and propagates.
    private void FailThrowingLanes(Exception thrown)
    {
        // The failed attempt's t and h, computed as Attempt computes them.
        var t = TLane.Load(_t, 0);
        var h = _control.NextStep(t, TLane.Load(_h, 0), TLane.Load(_endTime, 0), TLane.Load(_direction, 0), out _, out _);
        _stageInProgress = 0;
        try
        {
            AttemptStages<StageTracking>(t, h);
        }
        catch (Exception)
        {
            // Expected: this is the failure being traced.
        }

        int s = _stageInProgress;
        if (s == 0) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
        Span<double> times = stackalloc double[_w], steps = stackalloc double[_w];
        t.Store(times, 0);
        h.Store(steps, 0);
        double node = DormandPrinceCoefficients.Tableau.C[s];
        var state = s == Stages - 1 ? _yNew : _stage;
        uint active = _activeBits, failed = 0;
        var exceptions = new Exception?[_w];
        for (uint bits = active; bits != 0; bits &= bits - 1)
        {
            int lane = System.Numerics.BitOperations.TrailingZeroCount(bits);
            for (int j = 0; j < _n; j++) _trialState[j] = state[j * _w + lane];
            try
            {
                _problem.Member(_member[lane], _n).Field.Evaluate(times[lane] + node * steps[lane], _trialState, _trialDerivative);
            }
            catch (Exception e)
            {
                exceptions[lane] = e;
                failed |= 1u << lane;
            }
        }

        if (failed == 0)
        {
            failed = active;
            for (int lane = 0; lane < _w; lane++) exceptions[lane] = thrown;
        }

        for (uint bits = failed; bits != 0; bits &= bits - 1)
        {
            int lane = System.Numerics.BitOperations.TrailingZeroCount(bits);
            var exception = exceptions[lane]!;
            Finish(lane, SolveStatus.UserCodeFailed,
                $"The field threw {exception.GetType().Name} after the last accepted step, at t = {Require.Format(_t[lane])}: {exception.Message}", exception);
            Fill(lane);
        }
    }

    // The core's norm, kept out of line here: inlined into Attempt with the stages, the step and the controller, it
    // exhausted the JIT's inlining budget, and the lane operations themselves (Load, Store, ConditionalSelect) became
    // calls (measured: a quarter fewer members per CPU second). The scalar integrator keeps it inlined.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private TLane ErrorSquared() => StepControl<TLane>.RmsErrorSquared(_error, _y, _yNew, 0, _w, _absoluteTolerances, _relativeTolerances);

    private void FailLanes(uint tooMany, uint tooSmall, TLane h)
    {
        Span<double> step = stackalloc double[_w];
        h.Store(step, 0);
        for (int lane = 0; lane < _w; lane++)
        {
            uint bit = 1u << lane;
            if ((tooMany & bit) != 0)
            {
                Finish(lane, SolveStatus.MaxStepsReached,
                    $"Reached MaxSteps = {_options.MaxSteps} step attempts at t = {Require.Format(_t[lane])} before the final time {Require.Format(_endTime[lane])}.");
            }
            else if ((tooSmall & bit) != 0)
            {
                bool nonFinite = StepHistory<TLane>.LastWasNonFinite(_history, lane);
                Finish(lane, nonFinite ? SolveStatus.NonFiniteState : SolveStatus.StepSizeTooSmall, nonFinite
                    ? $"The trial state or its derivative became non-finite (NaN or ±∞) near t = {Require.Format(_t[lane])}, and shrinking the step to |h| = {Require.Format(Math.Abs(step[lane]))} did not help."
                    : $"Step size underflow at t = {Require.Format(_t[lane])}: |h| = {Require.Format(Math.Abs(step[lane]))} is below the minimum. The problem may be stiff or singular there.");
            }
            else
            {
                continue;
            }

            Fill(lane);
        }
    }

    private void Finish(int lane, SolveStatus status, string? message, Exception? exception = null)
    {
        for (int j = 0; j < _n; j++) _laneState[j] = _y[j * _w + lane];
        long accepted = (long)_accepted[lane], rejected = (long)_rejected[lane];
        var statistics = new SolverStatistics(_startEvaluations[lane] + (Stages - 1) * (accepted + rejected), accepted, rejected);
        _results.Record(_member[lane], _t[lane], _laneState, status, message, statistics, exception);
        _queue.Completed();
    }

    // Loads the next member into the lane exactly as Integrator starts: f₀ and Hairer's initial step in scalar arithmetic.
    private void Fill(int lane)
    {
        while (_queue.TryTake(out int member))
        {
            var problem = _problem.Member(member, _n);
            _options.Validate(_n, problem.StartTime, problem.EndTime, adaptiveMethod: true, "Dormand–Prince 5(4)");
            problem.InitialState.CopyTo(_y0);
            _member[lane] = member;
            _t[lane] = problem.StartTime;
            _accepted[lane] = _rejected[lane] = 0;
            for (int j = 0; j < _n; j++) _y[j * _w + lane] = _y0[j];
            _startEvaluations[lane] = 0;
            var failure = TryStart(problem, lane);
            if (failure is not null)
            {
                Finish(lane, SolveStatus.UserCodeFailed,
                    $"The field threw {failure.GetType().Name} at the start, t = {Require.Format(problem.StartTime)}: {failure.Message}", failure);
                continue;
            }

            int bad = FirstNonFinite(_f0);
            if (bad >= 0)
            {
                Finish(lane, SolveStatus.NonFiniteDerivative,
                    $"The derivative f(t, y) is non-finite at t = {Require.Format(problem.StartTime)}: component {bad} is {Require.Format(_f0[bad])}.");
                continue;
            }

            _endTime[lane] = problem.EndTime;
            _direction[lane] = problem.Direction;
            StepHistory<TLane>.Reset(_history, lane);
            for (int p = 0; p < _parameterCount; p++) _parameters[p * _w + lane] = _parameterScratch[p];
            for (int j = 0; j < _n; j++) _k[j * _w + lane] = _f0[j];
            _active[lane] = TrueBits;
            _activeBits |= 1u << lane;
            return;
        }

        _active[lane] = 0;
        _activeBits &= ~(1u << lane);
        Idle(lane);
    }

    // An idle lane is still evaluated with the others. Left as it was, it could hold a member whose field throws there
    // (one that just failed), and every later kernel call would throw for it. It takes an active lane's time, state and
    // parameters with step 0 instead, so it evaluates f where that member's f was already evaluated without error.
    private void Idle(int lane)
    {
        _h[lane] = 0;
        if (_activeBits == 0) return;
        int source = System.Numerics.BitOperations.TrailingZeroCount(_activeBits);
        _t[lane] = _t[source];
        for (int j = 0; j < _n; j++)
        {
            _y[j * _w + lane] = _y[j * _w + source];
            // The first stage too: a non-finite one left by a failed member would make 0·k NaN.
            _k[j * _w + lane] = _k[j * _w + source];
        }

        for (int p = 0; p < _parameterCount; p++) _parameters[p * _w + lane] = _parameters[p * _w + source];
    }

    // f₀, Hairer's initial step (skipped when f₀ is not finite) and the lane parameters: the member's own code, which
    // may throw; the exception is returned so the member fails alone.
    private Exception? TryStart(Dynamics.Problems.OdeProblem<TField> problem, int lane)
    {
        try
        {
            var field = problem.Field;
            field.Evaluate(problem.StartTime, _y0, _f0);
            _startEvaluations[lane] = 1;
            if (FirstNonFinite(_f0) >= 0) return null;
            _h[lane] = _options.InitialStep ?? InitialStepSize.Hairer(field, DormandPrinceCoefficients.Tableau.Order, problem.StartTime, problem.EndTime,
                _y0, _f0, _relativeTolerances, _absoluteTolerances, _options.MaxStep, _trialState, _trialDerivative);
            _startEvaluations[lane] = _options.InitialStep is null ? 2 : 1;
            LaneField.WriteParameters(field, _parameterScratch, _y0);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    // The field's one formula on the W lanes of the group: parameter p of lane l at [p·W + l], component j at [j·W + l].
    // Kept out of line: inlined into the stage loop it exhausts the JIT's inlining budget for AttemptStages, whose own
    // lane operations then become calls (measured: 40 % fewer members per second).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EvaluateLanes(ReadOnlySpan<double> parameters, TLane t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        var p = new LaneVector<TLane>(parameters, 0, TLane.Count, _parameterCount);
        var state = new LaneVector<TLane>(y, 0, TLane.Count, _n);
        var derivative = new LaneVector<TLane>(dydt, 0, TLane.Count, _n);
        _prototype.Derivative(in p, t, in state, ref derivative);
    }

    private static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) return i;
        }

        return -1;
    }
}
