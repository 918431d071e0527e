using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Simd;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.StepSize;
using Dynamics.Validation;

namespace Dynamics.Solvers;

/// <summary>
/// The register path of <see cref="Ode.Solve{TField, TMethod}"/>: one trajectory of a three-component struct
/// <see cref="ILaneField"/> under <see cref="DormandPrince5"/>, with the state and the seven stages in locals: the formula
/// and the RMS norm are inlined into the attempt, the step-control core into the loop around it, one call per attempt
/// (the span path stores every stage and calls the stepper and the norm through interfaces). It takes the steps of <see cref="Integrator{TField}"/> to the last bit —
/// the same stage rows, norm terms and <see cref="StepControl{TLane}"/> — and so returns the same solution. It runs
/// only the plain case: adaptive, RMS norm, <see cref="SaveAt.End"/> or <see cref="SaveAt.EveryStep"/> from t₀, no
/// events, progress or cancellation token; anything else, and any solve that does not end successfully (a non-finite
/// derivative, a step below the minimum, <see cref="SolverOptions.MaxSteps"/>, an exception of the field), is left to
/// the integrator, which then solves it from the start and reports it as it always does.
/// </summary>
internal static class RegisterIntegrator
{
    private const int Dimension = 3;

    /// <summary>Whether the register path can take the solve (otherwise <see cref="Ode.Solve{TField}"/> does).</summary>
    public static bool Takes<TField>(OdeProblem<TField> problem, IOdeMethod method, SolverOptions options) where TField : struct, ILaneField =>
        method is DormandPrince5 && problem.Dimension == Dimension && problem.Field.Dimension == Dimension
        && options.StepSize is null && options.ErrorNorm == ErrorNorm.Rms && options.Events.Count == 0
        && options.SaveAt.Mode is SaveMode.End or SaveMode.EveryStep && options.SaveAt.StartTime is null
        && options.Progress is null && !options.CancellationToken.CanBeCanceled;

    /// <summary>Solves a problem that <see cref="Takes{TField}"/> accepts, or returns null when the solve does not succeed.</summary>
    public static Solution? TrySolve<TField>(OdeProblem<TField> problem, IOdeMethod method, SolverOptions options) where TField : struct, ILaneField
    {
        try
        {
            return Solve(problem, method, options);
        }
        catch (Exception)
        {
            // The field threw (or the options are invalid): the integrator reproduces it and reports it as the span path does.
            return null;
        }
    }

    private static Solution? Solve<TField>(OdeProblem<TField> problem, IOdeMethod method, SolverOptions options) where TField : struct, ILaneField
    {
        options.Validate(problem.Dimension, problem.StartTime, problem.EndTime, method.EmbeddedOrder is not null, method.Name);
        var notes = new List<string>();
        var relative = options.EffectiveRelativeTolerances(Dimension, notes);
        var absolute = options.EffectiveAbsoluteTolerances(Dimension);

        // The start as the integrator makes it: f(t₀, y₀) through the field's Evaluate, then Hairer's initial step.
        var field = problem.Field;
        double t0 = problem.StartTime, end = problem.EndTime;
        Span<double> y0 = stackalloc double[Dimension], f0 = stackalloc double[Dimension];
        Span<double> trialState = stackalloc double[Dimension], trialDerivative = stackalloc double[Dimension];
        problem.InitialState.CopyTo(y0);
        field.Evaluate(t0, y0, f0);
        if (!double.IsFinite(f0[0]) || !double.IsFinite(f0[1]) || !double.IsFinite(f0[2])) return null;
        long evaluations = 1;
        double h = options.InitialStep ?? InitialStepSize.Hairer(field, method.Order, t0, end, y0, f0, relative, absolute, options.MaxStep, trialState, trialDerivative);
        if (options.InitialStep is null) evaluations++;

        var control = new StepControl<ScalarLane>(options.Controller, Math.Min(method.Order, method.EmbeddedOrder ?? method.Order) + 1,
            options.MaxStep, options.MinStep);
        List<double>? times = null, states = null;
        if (options.SaveAt.Mode == SaveMode.EveryStep)
        {
            times = [t0];
            states = [.. y0];
        }

        var y = Vector(y0);
        var k1 = Vector(f0);
        var tolerances = new Tolerances(Vector(absolute), Vector(relative));
        if (!Run(field, control, tolerances, t0, end, problem.Direction, h, options.MaxSteps, ref y, k1, times, states,
                out long attempts, out long accepted)) return null;

        var final = new[] { y.X.Value, y.Y.Value, y.Z.Value };
        times ??= [end];
        states ??= [.. final];
        var statistics = new SolverStatistics(evaluations + 6 * attempts, accepted, attempts - accepted);
        return new Solution(method.Name, Dimension, [.. times], [.. states], end, final, SolveStatus.Success,
            $"Reached the final time t = {Require.Format(end)}.", statistics, [], null)
        {
            Notes = [.. notes],
        };
    }

    // Integrator.Step until the end: the derivative check, then attempts as in AdaptiveStep until one is accepted.
    // False where the integrator would fail (it then solves again and says why).
    private static bool Run<TField>(in TField field, in StepControl<ScalarLane> control, in Tolerances tolerances, double t, double end,
        int direction, double h, int maxSteps, ref Registers3<ScalarLane> y, Registers3<ScalarLane> k1, List<double>? times, List<double>? states,
        out long attempts, out long accepted)
        where TField : struct, ILaneField
    {
        attempts = accepted = 0;
        var endLane = ScalarLane.Create(end);
        var directionLane = ScalarLane.Create(direction);
        var active = ScalarLane.Create(BitConverter.Int64BitsToDouble(-1));
        var history = default(StepHistory<ScalarLane>);
        while (true)
        {
            if (!double.IsFinite(k1.X.Value) || !double.IsFinite(k1.Y.Value) || !double.IsFinite(k1.Z.Value)) return false;
            while (true)
            {
                if (attempts >= maxSteps) return false;
                double step = control.NextStep(ScalarLane.Create(t), ScalarLane.Create(h), endLane, directionLane, out var landsOnEnd, out uint tooSmall).Value;
                if (tooSmall != 0) return false;
                // Mostly the proposal itself (neither the maximum step nor the end shortened it, and direction·|h| = h):
                // then a predicted branch hands the attempt h, not NextStep's result, which lies an abs and a multiply later
                // on the chain from one step's error to the next step's stages. The same bits either way.
                if (BitConverter.DoubleToInt64Bits(step) == BitConverter.DoubleToInt64Bits(h)) step = h;
                attempts++;
                var errorSquared = DormandPrince5Registers.Attempt(field, tolerances, t, step, y, k1, out var yNew, out var k7);
                h = step * control.Adapt(errorSquared, active, ref history, out var acceptedMask).Value;
                if (ScalarLane.MaskBits(acceptedMask) != 0)
                {
                    accepted++;
                    t = ScalarLane.MaskBits(landsOnEnd) != 0 ? end : t + step;
                    y = yNew;
                    k1 = k7;
                    if (times is not null)
                    {
                        times.Add(t);
                        states!.Add(y.X.Value);
                        states.Add(y.Y.Value);
                        states.Add(y.Z.Value);
                    }

                    break;
                }
            }

            if (t == end) return true;
        }
    }

    private static Registers3<ScalarLane> Vector(ReadOnlySpan<double> values) =>
        new(ScalarLane.Create(values[0]), ScalarLane.Create(values[1]), ScalarLane.Create(values[2]));

    // atolⱼ and rtolⱼ in locals, with StepControl.RmsErrorSquared's sum over the components in its order.
    private readonly struct Tolerances(Registers3<ScalarLane> absolute, Registers3<ScalarLane> relative) : DormandPrince5Registers.IRegisterNorm
    {
        private readonly Registers3<ScalarLane> _absolute = absolute, _relative = relative;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ScalarLane ErrorSquared(in Registers3<ScalarLane> error, in Registers3<ScalarLane> y0, in Registers3<ScalarLane> y1)
        {
            // The span norm's sum starts at 0; 0 + s² is s² to the bit (s² is +0, positive, +∞ or NaN), so the register
            // path starts at s² and saves an add on the chain from the last component's error to e².
            var scaled = StepControl<ScalarLane>.ScaledError(error.X, y0.X, y1.X, _absolute.X, _relative.X);
            var sum = scaled * scaled;
            var finite = ScalarLane.IsFinite(y1.X);
            scaled = StepControl<ScalarLane>.ScaledError(error.Y, y0.Y, y1.Y, _absolute.Y, _relative.Y);
            sum += scaled * scaled;
            finite = ScalarLane.BothTrue(finite, ScalarLane.IsFinite(y1.Y));
            scaled = StepControl<ScalarLane>.ScaledError(error.Z, y0.Z, y1.Z, _absolute.Z, _relative.Z);
            sum += scaled * scaled;
            finite = ScalarLane.BothTrue(finite, ScalarLane.IsFinite(y1.Z));
            return StepControl<ScalarLane>.Select(finite, sum / ScalarLane.Create(Dimension), ScalarLane.Create(double.NaN));
        }
    }
}
