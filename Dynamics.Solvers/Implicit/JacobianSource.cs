using Dynamics.Fields;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// ∂f/∂y and ∂f/∂t for an implicit stepper: analytic when the field provides them, finite differences otherwise.
/// The analytic interfaces are captured once at construction (a struct field is boxed once, not per call).
/// </summary>
internal sealed class JacobianSource<TField> where TField : IVectorField
{
    private const double SqrtEpsilon = 1.4901161193847656e-8;
    private TField _field;
    private IJacobianField? _analytic;
    private ITimeDerivativeField? _timeDerivative;
    private readonly FiniteDifferenceJacobian<TField> _differences;
    private readonly bool _forceDifferences;
    private readonly double[] _fShifted;
    private long _ownEvaluations;

    public JacobianSource(TField field, JacobianOptions options)
    {
        options.Validate();
        _field = field;
        _forceDifferences = options.ForceFiniteDifferences || options.IsBanded;
        _differences = new FiniteDifferenceJacobian<TField>(field, options);
        _fShifted = new double[field.Dimension];
        Adopt(field);
    }

    /// <summary>Jacobian evaluations (analytic or differenced).</summary>
    public long Evaluations { get; private set; }

    /// <summary>f evaluations spent on differencing.</summary>
    public long RhsEvaluations => _differences.RhsEvaluations + _ownEvaluations;

    public void Reset(TField field)
    {
        _differences.Reset(field);
        _ownEvaluations = 0;
        Evaluations = 0;
        Adopt(field);
    }

    /// <summary>Typical magnitudes atolᵢ/rtol for the difference increments (1e-5 where that is not positive and finite).</summary>
    public void SetTypicalMagnitudes(double relativeTolerance, ReadOnlySpan<double> absoluteTolerances)
    {
        for (int i = 0; i < _fShifted.Length; i++)
        {
            double typical = absoluteTolerances[i] / relativeTolerance;
            _fShifted[i] = double.IsFinite(typical) && typical > 0 ? typical : 1e-5;
        }

        _differences.SetTypicalMagnitudes(_fShifted);
    }

    public void Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> f0, Span<double> jacobian)
    {
        Evaluations++;
        if (_analytic is not null) _analytic.Jacobian(t, y, jacobian);
        else _differences.Evaluate(t, y, f0, jacobian);
    }

    /// <summary>∂f/∂t at (t, y); a forward difference in t costs one evaluation (and is exactly 0 for an autonomous field).</summary>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> f0, Span<double> derivative)
    {
        if (_timeDerivative is not null)
        {
            _timeDerivative.TimeDerivative(t, y, derivative);
            return;
        }

        double delta = SqrtEpsilon * Math.Max(1e-5, Math.Abs(t));
        double shifted = t + delta;
        delta = shifted - t;
        _field.Evaluate(shifted, y, _fShifted);
        _ownEvaluations++;
        double inverse = 1.0 / delta;
        for (int i = 0; i < derivative.Length; i++) derivative[i] = (_fShifted[i] - f0[i]) * inverse;
    }

    private void Adopt(TField field)
    {
        _field = field;
        _analytic = _forceDifferences ? null : field as IJacobianField;
        _timeDerivative = field as ITimeDerivativeField;
    }
}
