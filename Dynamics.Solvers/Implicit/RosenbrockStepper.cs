using Dynamics.Fields;
using Dynamics.Solvers.LinearAlgebra;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// The one generic Rosenbrock stepper: it runs any <see cref="RosenbrockTableau"/> in the transformed form
/// (Hairer &amp; Wanner II, eq. IV.7.25). Per accepted step one Jacobian (analytic or differenced) and ∂f/∂t at the step's
/// start; per attempt one LU of I/(hγ) − J and s solves. A rejected attempt at the same point reuses J and refactors
/// only for the new h. A last stage evaluated at y₁ itself (Rosenbrock23) is reused as the next step's f (FSAL).
/// </summary>
internal sealed class RosenbrockStepper<TField> : IFieldStepper<TField>, IImplicitStepper where TField : IVectorField
{
    private TField _field;
    private readonly RosenbrockTableau _tableau;
    private readonly JacobianSource<TField> _jacobian;
    private readonly DenseLu _lu;
    private readonly int _n, _s, _degree;
    private readonly bool _fsal;
    private readonly double[] _j, _ft, _f0, _stageF, _u, _argument, _a, _c, _m, _e, _nodes, _timeCoefficients, _dense;
    private double _factoredStep;
    private bool _f0Valid, _jacobianValid, _factorValid, _pendingAccept, _lastFsalValid;
    private long _rhs;

    public RosenbrockStepper(TField field, RosenbrockTableau tableau, JacobianOptions options)
    {
        _field = field;
        _tableau = tableau;
        _n = field.Dimension;
        _s = tableau.Stages;
        _degree = tableau.DenseDegree;
        _jacobian = new JacobianSource<TField>(field, options);
        _lu = new DenseLu(_n);
        _j = new double[_n * _n];
        _ft = new double[_n];
        _f0 = new double[_n];
        _stageF = new double[_n];
        _argument = new double[_n];
        _u = new double[_s * _n];
        _a = new double[_s * _s];
        _c = new double[_s * _s];
        _m = new double[_s];
        _e = new double[_s];
        _nodes = new double[_s];
        _timeCoefficients = new double[_s];
        _dense = new double[_degree * _s];
        for (int i = 0; i < _s; i++)
        {
            for (int j = 0; j < i; j++)
            {
                _a[i * _s + j] = tableau.A(i, j);
                _c[i * _s + j] = tableau.C(i, j);
            }

            _m[i] = tableau.Weights[i];
            _e[i] = tableau.ErrorWeights[i];
            _nodes[i] = tableau.Nodes[i];
            _timeCoefficients[i] = tableau.TimeCoefficients[i];
            for (int d = 0; d < _degree; d++) _dense[d * _s + i] = tableau.Dense(d + 1, i);
        }

        // FSAL when the last stage's argument is y₁ and its node is 1: y + Σ aₛⱼuⱼ = y + Σ mⱼuⱼ with mₛ = 0.
        int last = _s - 1;
        bool fsal = _nodes[last] == 1.0 && _m[last] == 0.0;
        for (int j = 0; j < last && fsal; j++) fsal = _a[last * _s + j] == _m[j];
        _fsal = fsal;
    }

    public long RhsEvaluations => _rhs + _jacobian.RhsEvaluations;

    public int Dimension => _n;

    /// <summary>‖J‖∞ of the last Jacobian, an upper bound of its spectral radius (for stiffness switching).</summary>
    public double JacobianNorm { get; private set; }

    public int InterpolantDegree => _degree;

    public long JacobianEvaluations => _jacobian.Evaluations;

    public long LuFactorizations { get; private set; }

    public long NewtonFailures => 0;

    public void UseTolerances(double relativeTolerance, ReadOnlySpan<double> absoluteTolerances)
    {
        _jacobian.SetTypicalMagnitudes(relativeTolerance, absoluteTolerances);
    }

    public void Reset(TField field)
    {
        _field = field;
        _jacobian.Reset(field);
        _rhs = 0;
        LuFactorizations = 0;
        _f0Valid = _jacobianValid = _factorValid = _pendingAccept = _lastFsalValid = false;
    }

    public ReadOnlySpan<double> EnsureDerivative(double t, ReadOnlySpan<double> y)
    {
        if (_pendingAccept)
        {
            _pendingAccept = false;
            _jacobianValid = false;
            _factorValid = false;
            _f0Valid = _fsal && _lastFsalValid;
            if (_f0Valid) _stageF.CopyTo(_f0);
        }

        if (!_f0Valid)
        {
            _field.Evaluate(t, y, _f0);
            _rhs++;
            _f0Valid = true;
        }

        return _f0;
    }

    public void Attempt(double t, ReadOnlySpan<double> y, double h, Span<double> yNew, Span<double> errorEstimate)
    {
        int n = _n, s = _s;
        _lastFsalValid = false;
        if (!_jacobianValid)
        {
            _jacobian.Jacobian(t, y, _f0, _j);
            _jacobian.TimeDerivative(t, y, _f0, _ft);
            _jacobianValid = true;
            JacobianNorm = RowSumNorm();
            _factorValid = false;
        }

        if (!_factorValid || h != _factoredStep)
        {
            var w = _lu.Matrix;
            double diagonal = 1.0 / (h * _tableau.Gamma);
            for (int k = 0; k < n * n; k++) w[k] = -_j[k];
            for (int i = 0; i < n; i++) w[i * n + i] += diagonal;
            LuFactorizations++;
            _factorValid = _lu.Factor();
            _factoredStep = h;
            if (!_factorValid)
            {
                // A singular iteration matrix: report an infinite error so the integrator shrinks the step.
                errorEstimate.Fill(double.PositiveInfinity);
                y.CopyTo(yNew);
                return;
            }
        }

        double inverseH = 1.0 / h;
        var u = _u.AsSpan();
        for (int i = 0; i < s; i++)
        {
            var ui = u.Slice(i * n, n);
            ReadOnlySpan<double> f;
            if (i == 0) f = _f0;
            else
            {
                y.CopyTo(_argument);
                for (int j = 0; j < i; j++)
                {
                    double aij = _a[i * s + j];
                    if (aij == 0) continue;
                    var uj = u.Slice(j * n, n);
                    for (int k = 0; k < n; k++) _argument[k] += aij * uj[k];
                }

                _field.Evaluate(t + _nodes[i] * h, _argument, _stageF);
                _rhs++;
                f = _stageF;
            }

            double timeFactor = _timeCoefficients[i] * h;
            for (int k = 0; k < n; k++) ui[k] = f[k] + timeFactor * _ft[k];
            for (int j = 0; j < i; j++)
            {
                double cij = _c[i * s + j] * inverseH;
                if (cij == 0) continue;
                var uj = u.Slice(j * n, n);
                for (int k = 0; k < n; k++) ui[k] += cij * uj[k];
            }

            _lu.Solve(ui);
        }

        y.CopyTo(yNew);
        errorEstimate.Clear();
        for (int i = 0; i < s; i++)
        {
            double mi = _m[i], ei = _e[i];
            var ui = u.Slice(i * n, n);
            if (mi != 0)
            {
                for (int k = 0; k < n; k++) yNew[k] += mi * ui[k];
            }

            if (ei != 0)
            {
                for (int k = 0; k < n; k++) errorEstimate[k] += ei * ui[k];
            }
        }

        _lastFsalValid = _fsal;
    }

    public void Accept() => _pendingAccept = true;

    private double RowSumNorm()
    {
        double largest = 0;
        for (int i = 0; i < _n; i++)
        {
            double sum = 0;
            for (int k = 0; k < _n; k++) sum += Math.Abs(_j[i * _n + k]);
            largest = Math.Max(largest, sum);
        }

        return largest;
    }

    public void Invalidate()
    {
        _pendingAccept = false;
        _f0Valid = _jacobianValid = _factorValid = false;
    }

    public void Interpolate(double theta, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> state)
    {
        int n = _n, s = _s;
        y0.CopyTo(state);
        double power = 1;
        for (int d = 0; d < _degree; d++)
        {
            power *= theta;
            for (int i = 0; i < s; i++)
            {
                double weight = _dense[d * s + i] * power;
                if (weight == 0) continue;
                var ui = _u.AsSpan(i * n, n);
                for (int k = 0; k < n; k++) state[k] += weight * ui[k];
            }
        }
    }

    public void CopyInterpolant(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> coefficients)
    {
        int n = _n, s = _s;
        y0.CopyTo(coefficients);
        for (int d = 0; d < _degree; d++)
        {
            var target = coefficients.Slice((d + 1) * n, n);
            target.Clear();
            for (int i = 0; i < s; i++)
            {
                double weight = _dense[d * s + i];
                if (weight == 0) continue;
                var ui = _u.AsSpan(i * n, n);
                for (int k = 0; k < n; k++) target[k] += weight * ui[k];
            }
        }
    }
}
