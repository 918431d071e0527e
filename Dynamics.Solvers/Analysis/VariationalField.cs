using Dynamics.Analysis;
using Dynamics.Fields;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// The field with its first variational equations: z = (y, v₁, …, v_k), y' = f(t, y), vᵢ' = J(t, y)·vᵢ, with J the
/// field's exact Jacobian (analytic, or automatic differentiation of a lane field's formula) or central differences along each vᵢ. Holds scratch buffers: one instance per computation.
/// </summary>
internal sealed class VariationalField<TField> : IVectorField where TField : IVectorField
{
    private readonly TField _field;
    // Taken once: pattern-matching a struct field on every call would box it each time.
    private readonly IVectorField? _exactJacobian;
    private readonly int _n, _k;
    private readonly double _delta;
    private readonly double[] _jacobian, _plus, _minus, _fPlus, _fMinus;

    public VariationalField(TField field, int vectors, double delta)
    {
        _field = field;
        _exactJacobian = Jacobian.HasExact(field) ? field : null;
        _n = field.Dimension;
        _k = vectors;
        _delta = delta;
        _jacobian = new double[_n * _n];
        _plus = new double[_n];
        _minus = new double[_n];
        _fPlus = new double[_n];
        _fMinus = new double[_n];
    }

    public bool AnalyticJacobian => _exactJacobian is not null;

    public int Dimension => _n * (_k + 1);

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int n = _n;
        var state = y[..n];
        _field.Evaluate(t, state, dydt[..n]);
        if (_exactJacobian is not null)
        {
            Jacobian.TryExact(_exactJacobian, t, state, _jacobian);
            for (int c = 0; c < _k; c++)
            {
                var v = y.Slice(n + c * n, n);
                var dv = dydt.Slice(n + c * n, n);
                for (int i = 0; i < n; i++)
                {
                    double sum = 0;
                    for (int j = 0; j < n; j++) sum += _jacobian[i * n + j] * v[j];
                    dv[i] = sum;
                }
            }

            return;
        }

        double size = 0;
        for (int i = 0; i < n; i++) size += state[i] * state[i];
        size = 1 + Math.Sqrt(size);
        for (int c = 0; c < _k; c++)
        {
            var v = y.Slice(n + c * n, n);
            var dv = dydt.Slice(n + c * n, n);
            double norm = 0;
            for (int i = 0; i < n; i++) norm += v[i] * v[i];
            norm = Math.Sqrt(norm);
            if (norm == 0)
            {
                dv.Clear();
                continue;
            }

            // J·v is linear in v: difference along the unit vector and scale back, so ε does not depend on ‖v‖'s growth.
            double epsilon = _delta * size;
            for (int i = 0; i < n; i++)
            {
                _plus[i] = state[i] + epsilon * v[i] / norm;
                _minus[i] = state[i] - epsilon * v[i] / norm;
            }

            _field.Evaluate(t, _plus, _fPlus);
            _field.Evaluate(t, _minus, _fMinus);
            for (int i = 0; i < n; i++) dv[i] = norm * (_fPlus[i] - _fMinus[i]) / (2 * epsilon);
        }
    }
}
