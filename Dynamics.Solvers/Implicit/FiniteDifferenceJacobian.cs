using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// Forward-difference Jacobian ∂f/∂y ≈ [f(t, y + Δⱼeⱼ) − f(t, y)]/Δⱼ, column by column, with the increment of CVODE
/// and Hairer–Wanner: Δⱼ = √ε · max(|yⱼ|, typⱼ) · sign(yⱼ), where typⱼ is a typical magnitude of component j (the
/// absolute tolerance over the relative one once a solver knows them, 1e-5 before), so the increment is relative for
/// large components and never vanishes for zero ones; the truncation error O(Δ) and rounding error O(ε/Δ) then balance
/// at about √ε ≈ 1.5e-8 relative. The increment actually used is (yⱼ + Δⱼ) − yⱼ, which is exact in floating point.
/// Banded Jacobians (bandwidths ml, mu) perturb every (ml + mu + 1)-th column at once (Curtis, Powell &amp; Reid 1974),
/// so a discretised PDE costs ml + mu + 1 evaluations instead of n. Allocation-free after construction.
/// </summary>
/// <typeparam name="TField">The field type.</typeparam>
public sealed class FiniteDifferenceJacobian<TField> where TField : IVectorField
{
    private const double SqrtEpsilon = 1.4901161193847656e-8;
    private TField _field;
    private readonly int _n, _lower, _upper;
    private readonly bool _banded;
    private readonly double[] _perturbed, _fPerturbed, _typical, _increment;

    /// <summary>Creates a dense finite-difference Jacobian.</summary>
    /// <param name="field">The field.</param>
    public FiniteDifferenceJacobian(TField field)
        : this(field, JacobianOptions.Default)
    {
    }

    /// <summary>Creates a finite-difference Jacobian, banded when <paramref name="options"/> gives bandwidths.</summary>
    /// <param name="field">The field.</param>
    /// <param name="options">The Jacobian options.</param>
    public FiniteDifferenceJacobian(TField field, JacobianOptions options)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _field = field;
        _n = field.Dimension;
        _banded = options.IsBanded;
        _lower = Math.Min(options.LowerBandwidth ?? _n - 1, _n - 1);
        _upper = Math.Min(options.UpperBandwidth ?? _n - 1, _n - 1);
        _perturbed = new double[_n];
        _fPerturbed = new double[_n];
        _increment = new double[_n];
        _typical = new double[_n];
        Array.Fill(_typical, 1e-5);
    }

    /// <summary>The number of f evaluations made so far.</summary>
    public long RhsEvaluations { get; private set; }

    /// <summary>The evaluations per Jacobian: n when dense, ml + mu + 1 when banded.</summary>
    public int EvaluationsPerJacobian => _banded ? Math.Min(_n, _lower + _upper + 1) : _n;

    /// <summary>Sets the typical magnitudes typⱼ (positive), e.g. atolⱼ/rtol.</summary>
    /// <param name="typical">One positive finite value per component.</param>
    public void SetTypicalMagnitudes(ReadOnlySpan<double> typical)
    {
        Require.Length(typical.Length, _n, nameof(typical));
        for (int j = 0; j < _n; j++) Require.Positive(typical[j], nameof(typical));
        typical.CopyTo(_typical);
    }

    internal void Reset(TField field)
    {
        _field = field;
        RhsEvaluations = 0;
    }

    /// <summary>Writes the Jacobian at (t, y), row-major, given f(t, y).</summary>
    /// <param name="t">The time.</param>
    /// <param name="y">The state.</param>
    /// <param name="f0">f(t, y), already computed.</param>
    /// <param name="jacobian">Receives the n × n matrix (entry i·n + j); entries outside a band are set to zero.</param>
    public void Evaluate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> f0, Span<double> jacobian)
    {
        int n = _n;
        y.CopyTo(_perturbed);
        if (!_banded)
        {
            for (int j = 0; j < n; j++)
            {
                double delta = Perturb(y, j);
                _field.Evaluate(t, _perturbed, _fPerturbed);
                _perturbed[j] = y[j];
                double inverse = 1.0 / delta;
                for (int i = 0; i < n; i++) jacobian[i * n + j] = (_fPerturbed[i] - f0[i]) * inverse;
            }

            RhsEvaluations += n;
            return;
        }

        jacobian[..(n * n)].Clear();
        int width = Math.Min(n, _lower + _upper + 1);
        for (int group = 0; group < width; group++)
        {
            for (int j = group; j < n; j += width) _increment[j] = Perturb(y, j);
            _field.Evaluate(t, _perturbed, _fPerturbed);
            for (int j = group; j < n; j += width)
            {
                _perturbed[j] = y[j];
                double inverse = 1.0 / _increment[j];
                int first = Math.Max(0, j - _upper), last = Math.Min(n - 1, j + _lower);
                for (int i = first; i <= last; i++) jacobian[i * n + j] = (_fPerturbed[i] - f0[i]) * inverse;
            }
        }

        RhsEvaluations += width;
    }

    private double Perturb(ReadOnlySpan<double> y, int j)
    {
        double yj = y[j];
        double delta = SqrtEpsilon * Math.Max(Math.Abs(yj), _typical[j]);
        if (yj < 0) delta = -delta;
        _perturbed[j] = yj + delta;
        return _perturbed[j] - yj;
    }
}
