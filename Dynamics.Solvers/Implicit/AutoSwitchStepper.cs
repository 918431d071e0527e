using Dynamics.Fields;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// Runs one of two steppers and decides at each step boundary which one takes the next step (see
/// <see cref="AutoSwitch"/>). Interpolation always goes to the stepper that took the last step; the dense-output degree
/// is the larger of the two, the smaller one's top coefficients being zero.
/// </summary>
internal sealed class AutoSwitchStepper<TField> : IFieldStepper<TField>, IImplicitStepper, ISwitchingStepper where TField : IVectorField
{
    private const string ExplicitName = "Dormand–Prince 5(4)";
    private readonly StiffnessDetectingStepper<TField> _explicit;
    private readonly RosenbrockStepper<TField> _stiff;
    private readonly string _stiffName;
    private readonly double _threshold;
    private readonly int _stiffSteps, _nonStiffSteps, _n;
    private readonly List<MethodSwitch> _switches = [];
    private IStepper _active;
    private bool _stiffActive, _pendingAccept;
    private int _stiffCount, _nonStiffCount;
    private double _lastRatio, _lastStep;

    public AutoSwitchStepper(StiffnessDetectingStepper<TField> explicitStepper, RosenbrockStepper<TField> stiffStepper, string stiffName, AutoSwitch settings)
    {
        _explicit = explicitStepper;
        _stiff = stiffStepper;
        _stiffName = stiffName;
        _threshold = settings.StiffnessThreshold;
        _stiffSteps = settings.StiffStepsToSwitch;
        _nonStiffSteps = settings.NonStiffStepsToSwitch;
        _n = stiffStepper.Dimension;
        _active = _explicit;
        InterpolantDegree = Math.Max(_explicit.InterpolantDegree, _stiff.InterpolantDegree);
    }

    public IReadOnlyList<MethodSwitch> Switches => _switches;

    public long RhsEvaluations => _explicit.RhsEvaluations + _stiff.RhsEvaluations;

    public int InterpolantDegree { get; }

    public long JacobianEvaluations => _stiff.JacobianEvaluations;

    public long LuFactorizations => _stiff.LuFactorizations;

    public long NewtonFailures => 0;

    public void UseTolerances(double relativeTolerance, ReadOnlySpan<double> absoluteTolerances) => _stiff.UseTolerances(relativeTolerance, absoluteTolerances);

    public void Reset(TField field)
    {
        _explicit.Reset(field);
        _stiff.Reset(field);
        _switches.Clear();
        _active = _explicit;
        _stiffActive = _pendingAccept = false;
        _stiffCount = _nonStiffCount = 0;
    }

    public ReadOnlySpan<double> EnsureDerivative(double t, ReadOnlySpan<double> y)
    {
        if (_pendingAccept)
        {
            _pendingAccept = false;
            Decide(t);
        }

        return _active.EnsureDerivative(t, y);
    }

    public void Attempt(double t, ReadOnlySpan<double> y, double h, Span<double> yNew, Span<double> errorEstimate)
    {
        _active.Attempt(t, y, h, yNew, errorEstimate);
        _lastStep = h;
    }

    public void Accept()
    {
        _active.Accept();
        _pendingAccept = true;
    }

    public void Invalidate()
    {
        _pendingAccept = false;
        _explicit.Invalidate();
        _stiff.Invalidate();
    }

    public void Interpolate(double theta, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> state) =>
        _active.Interpolate(theta, y0, y1, state);

    public void CopyInterpolant(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> coefficients)
    {
        int used = (_active.InterpolantDegree + 1) * _n;
        _active.CopyInterpolant(y0, y1, coefficients[..used]);
        coefficients[used..((InterpolantDegree + 1) * _n)].Clear();
    }

    private void Decide(double t)
    {
        if (!_stiffActive)
        {
            // DOPRI5's counters: 15 stiff steps switch; 6 non-stiff steps in a row forget the stiff ones.
            double ratio = _explicit.StiffnessRatio;
            if (ratio > _threshold)
            {
                _nonStiffCount = 0;
                if (++_stiffCount >= _stiffSteps) SwitchTo(stiff: true, t, ratio);
            }
            else if (++_nonStiffCount >= 6)
            {
                _stiffCount = 0;
            }

            return;
        }

        // ‖J‖∞ bounds the spectral radius, so h‖J‖∞ below half the boundary means DP5 would be stable with this step.
        _lastRatio = Math.Abs(_lastStep) * _stiff.JacobianNorm;
        if (_lastRatio < 0.5 * _threshold)
        {
            if (++_nonStiffCount >= _nonStiffSteps) SwitchTo(stiff: false, t, _lastRatio);
        }
        else
        {
            _nonStiffCount = 0;
        }
    }

    private void SwitchTo(bool stiff, double t, double ratio)
    {
        _stiffActive = stiff;
        _stiffCount = _nonStiffCount = 0;
        _active = stiff ? _stiff : _explicit;
        _active.Invalidate();
        _switches.Add(new MethodSwitch(t, stiff ? _stiffName : ExplicitName, stiff, ratio));
    }
}
