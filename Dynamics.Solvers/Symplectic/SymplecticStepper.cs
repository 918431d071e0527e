using Dynamics.Fields;
using Dynamics.Solvers.DenseOutput;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Symplectic;

/// <summary>The workspace of a <see cref="SymplecticComposition"/>: damped Verlet substeps with force reuse (FSAL).</summary>
internal sealed class SymplecticStepper : IStepper
{
    private readonly ISecondOrderField _system;
    private readonly double[] _weights;
    private readonly int _d, _n;
    private readonly double _friction;
    private readonly double[] _force, _forceEnd, _derivative, _f0, _f1;
    private double _h;
    private bool _forceValid, _pendingAccept;

    public SymplecticStepper(ISecondOrderField system, double[] weights)
    {
        _system = system;
        _weights = weights;
        _n = system.Dimension;
        _d = _n / 2;
        _friction = system.Friction;
        _force = new double[_d];
        _forceEnd = new double[_d];
        _derivative = new double[_n];
        _f0 = new double[_n];
        _f1 = new double[_n];
    }

    public long RhsEvaluations { get; private set; }

    public int InterpolantDegree => 3;

    public ReadOnlySpan<double> EnsureDerivative(double t, ReadOnlySpan<double> y)
    {
        if (_pendingAccept)
        {
            _pendingAccept = false;
            _forceEnd.CopyTo(_force, 0);
            _forceValid = true;
        }

        if (!_forceValid)
        {
            _system.Acceleration(t, y[.._d], _force);
            RhsEvaluations++;
            _forceValid = true;
        }

        FirstOrder(y[_d..], _force, _derivative);
        return _derivative;
    }

    public void Attempt(double t, ReadOnlySpan<double> y, double h, Span<double> yNew, Span<double> errorEstimate)
    {
        _derivative.CopyTo(_f0, 0);
        y.CopyTo(yNew);
        var q = yNew[.._d];
        var v = yNew[_d..];
        _force.CopyTo(_forceEnd, 0);
        double time = t, elapsed = 0;
        for (int s = 0; s < _weights.Length; s++)
        {
            double tau = _weights[s] * h, half = tau / 2;
            double implicitFactor = 1 / (1 + _friction * half), explicitFactor = 1 - _friction * half;
            for (int i = 0; i < _d; i++)
            {
                v[i] = (v[i] + half * _forceEnd[i]) * implicitFactor;
                q[i] += tau * v[i];
            }

            elapsed += _weights[s];
            time = s == _weights.Length - 1 ? t + h : t + elapsed * h;
            _system.Acceleration(time, q, _forceEnd);
            for (int i = 0; i < _d; i++) v[i] = explicitFactor * v[i] + half * _forceEnd[i];
        }

        RhsEvaluations += _weights.Length;
        FirstOrder(v, _forceEnd, _f1);
        _h = h;
    }

    public void Accept() => _pendingAccept = true;

    public void Invalidate()
    {
        _pendingAccept = false;
        _forceValid = false;
    }

    public void Interpolate(double theta, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> state)
    {
        for (int i = 0; i < _n; i++)
        {
            var (c1, c2, c3) = CubicHermite.Coefficients(y1[i] - y0[i], _h, _f0[i], _f1[i]);
            state[i] = y0[i] + theta * (c1 + theta * (c2 + theta * c3));
        }
    }

    public void CopyInterpolant(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> coefficients)
    {
        for (int i = 0; i < _n; i++)
        {
            var (c1, c2, c3) = CubicHermite.Coefficients(y1[i] - y0[i], _h, _f0[i], _f1[i]);
            coefficients[i] = y0[i];
            coefficients[_n + i] = c1;
            coefficients[2 * _n + i] = c2;
            coefficients[3 * _n + i] = c3;
        }
    }

    // (q, v)′ = (v, F − λv).
    private void FirstOrder(ReadOnlySpan<double> v, ReadOnlySpan<double> force, Span<double> derivative)
    {
        for (int i = 0; i < _d; i++)
        {
            derivative[i] = v[i];
            derivative[_d + i] = force[i] - _friction * v[i];
        }
    }
}
