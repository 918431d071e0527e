using Dynamics.Fields;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// The one generic explicit Runge–Kutta stepper: it runs any <see cref="ButcherTableau"/>. The coupling matrix is
/// stored sparsely (most high-order tableaus are half zeros), all buffers are allocated here once, and the field type
/// is a generic parameter so a struct field's <c>Evaluate</c> is inlined. A method whose step is worth unrolling by hand
/// (<see cref="DormandPrince5Stepper{TField}"/>) overrides <see cref="Attempt"/> and inherits everything else.
/// </summary>
internal class ExplicitRungeKuttaStepper<TField> : IFieldStepper<TField> where TField : IVectorField
{
    private TField _field;
    private readonly int _n, _stages, _totalStages, _degree, _endpointStage;
    private readonly bool _fsal;
    private readonly double[] _k, _stageState, _nodes, _coefficient, _bCoefficient, _errorCoefficient, _p, _q;
    // The rounding residuals of the interpolant's weights (null when it has none): see ContinuousExtension.WeightResiduals.
    private readonly double[]? _pResidual;
    private readonly int[] _rowStart, _column, _bColumn, _errorColumn;
    private double _t, _h;
    private bool _k0Valid, _pendingAccept, _extrasReady, _interpolantReady;

    public ExplicitRungeKuttaStepper(TField field, ButcherTableau tableau)
    {
        _field = field;
        _n = field.Dimension;
        _stages = tableau.Stages;
        _fsal = tableau.IsFirstSameAsLast;
        var extension = tableau.Interpolant;
        _totalStages = _stages + extension.ExtraNodes.Count;
        _degree = extension.Degree;
        _k = new double[_totalStages * _n];
        _stageState = new double[_n];
        _q = new double[_degree * _n];

        _nodes = new double[_totalStages];
        var rows = new double[_totalStages][];
        for (int i = 0; i < _stages; i++)
        {
            _nodes[i] = tableau.C[i];
            rows[i] = new double[i];
            for (int j = 0; j < i; j++) rows[i][j] = tableau.A(i, j);
        }

        _endpointStage = -1;
        for (int e = 0; e < extension.ExtraNodes.Count; e++)
        {
            _nodes[_stages + e] = extension.ExtraNodes[e];
            rows[_stages + e] = extension.ExtraRows[e];
            if (!_fsal && _endpointStage < 0 && extension.ExtraNodes[e] == 1.0 && IsWeightsRow(extension.ExtraRows[e], tableau.B))
                _endpointStage = _stages + e;
        }

        (_rowStart, _column, _coefficient) = Sparse(rows);
        (_bColumn, _bCoefficient) = SparseCoefficients.Of(tableau.B);
        (_errorColumn, _errorCoefficient) = SparseCoefficients.Of(tableau.ErrorWeights);
        _p = new double[_totalStages * _degree];
        for (int i = 0; i < _totalStages; i++)
        {
            for (int m = 0; m < _degree; m++) _p[i * _degree + m] = extension.Weights[i][m];
        }

        if (extension.WeightResiduals is { } residuals)
        {
            _pResidual = new double[_totalStages * _degree];
            for (int i = 0; i < _totalStages; i++)
            {
                for (int m = 0; m < _degree; m++) _pResidual[i * _degree + m] = residuals[i][m];
            }
        }
    }

    public long RhsEvaluations { get; private set; }

    public int InterpolantDegree => _degree;

    public ReadOnlySpan<double> EnsureDerivative(double t, ReadOnlySpan<double> y)
    {
        if (_pendingAccept)
        {
            _pendingAccept = false;
            int source = _fsal ? _stages - 1 : (_extrasReady ? _endpointStage : -1);
            _k0Valid = source >= 0;
            if (_k0Valid) Stage(source).CopyTo(Stage(0));
        }

        if (!_k0Valid)
        {
            _field.Evaluate(t, y, Stage(0));
            RhsEvaluations++;
            _k0Valid = true;
        }

        return Stage(0);
    }

    public virtual void Attempt(double t, ReadOnlySpan<double> y, double h, Span<double> yNew, Span<double> errorEstimate)
    {
        BeginAttempt(t, h);
        int last = _stages - 1;
        for (int i = 1; i < _stages; i++)
        {
            // The FSAL stage is evaluated at the new state itself, so that state is built in place.
            Span<double> state = _fsal && i == last ? yNew : _stageState;
            Combine(i, y, h, state);
            _field.Evaluate(t + _nodes[i] * h, state, Stage(i));
        }

        RhsEvaluations += _stages - 1;
        if (!_fsal) Accumulate(_bColumn, _bCoefficient, y, h, yNew);
        if (_errorColumn.Length > 0) Accumulate(_errorColumn, _errorCoefficient, default, h, errorEstimate);
    }

    public void Accept() => _pendingAccept = true;

    /// <summary>The field, by reference, so an unrolled step calls a struct field's <c>Evaluate</c> without copying it.</summary>
    protected ref TField Field => ref _field;

    /// <summary>The derivative of stage <paramref name="i"/> (from 0): entries i·n … i·n + n − 1 of the stage store.</summary>
    protected Span<double> Stage(int i) => _k.AsSpan(i * _n, _n);

    /// <summary>A scratch state of length n for the stage arguments.</summary>
    protected Span<double> StageState => _stageState;

    /// <summary>Records a new attempt (its start and size for interpolation) and invalidates the previous interpolant.</summary>
    protected void BeginAttempt(double t, double h)
    {
        _t = t;
        _h = h;
        _extrasReady = false;
        _interpolantReady = false;
    }

    /// <summary>Adds evaluations made by an overriding <see cref="Attempt"/> to the count.</summary>
    protected void CountEvaluations(int count) => RhsEvaluations += count;

    public void Reset(TField field)
    {
        _field = field;
        RhsEvaluations = 0;
        _k0Valid = _pendingAccept = _extrasReady = _interpolantReady = false;
    }

    public void Invalidate()
    {
        _pendingAccept = false;
        _k0Valid = false;
    }

    public void Interpolate(double theta, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> state)
    {
        EnsureInterpolant(y0, y1);
        for (int d = 0; d < _n; d++)
        {
            double acc = 0;
            for (int m = _degree - 1; m >= 0; m--) acc = (acc + _q[m * _n + d]) * theta;
            state[d] = y0[d] + acc;
        }
    }

    public void CopyInterpolant(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> coefficients)
    {
        EnsureInterpolant(y0, y1);
        y0.CopyTo(coefficients);
        _q.CopyTo(coefficients[_n..]);
    }

    private void EnsureInterpolant(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1)
    {
        if (_interpolantReady) return;
        if (!_extrasReady)
        {
            for (int i = _stages; i < _totalStages; i++)
            {
                if (i == _endpointStage)
                {
                    _field.Evaluate(_t + _h, y1, Stage(i));
                }
                else
                {
                    Combine(i, y0, _h, _stageState);
                    _field.Evaluate(_t + _nodes[i] * _h, _stageState, Stage(i));
                }
            }

            RhsEvaluations += _totalStages - _stages;
            _extrasReady = true;
        }

        if (_pResidual is null) CombineInterpolant();
        else CombineInterpolantCompensated(_pResidual);

        // In exact arithmetic Σₘ Qₘ = y₁ − y₀. High-order interpolants have coefficients up to 1e6 (Verner 8), so in
        // floating point the sum misses by rounding; folding that residual into the top power makes the dense output
        // pass exactly through both step ends (continuity) while changing it by no more than the rounding itself.
        int top = (_degree - 1) * _n;
        for (int d = 0; d < _n; d++)
        {
            double sum = 0;
            for (int m = 0; m < _degree; m++) sum += _q[m * _n + d];
            _q[top + d] += (y1[d] - y0[d]) - sum;
        }

        _interpolantReady = true;
    }

    // Qₘ = h Σᵢ Pᵢₘ kᵢ in plain floating point: enough when the weights are of moderate size.
    private void CombineInterpolant()
    {
        for (int m = 0; m < _degree; m++)
        {
            for (int d = 0; d < _n; d++)
            {
                double acc = 0;
                for (int i = 0; i < _totalStages; i++)
                {
                    double p = _p[i * _degree + m];
                    if (p != 0) acc += p * _k[i * _n + d];
                }

                _q[m * _n + d] = _h * acc;
            }
        }
    }

    // Qₘ = h Σᵢ (Pᵢₘ + δPᵢₘ) kᵢ as a compensated dot product (Ogita, Rump &amp; Oishi 2005, "Accurate sum and dot
    // product", Dot2): every product's and partial sum's rounding error is recovered exactly (fused multiply-add and
    // Knuth's TwoSum) and added back with the weights' residuals, so Qₘ is as accurate as if computed in twice the
    // precision. Verner 8's weights reach 1.4·10⁶ while Qₘ is of order hᵐ y⁽ᵐ⁾/m!, which plain sums miss by ~10⁻¹⁰.
    private void CombineInterpolantCompensated(double[] residuals)
    {
        for (int m = 0; m < _degree; m++)
        {
            for (int d = 0; d < _n; d++)
            {
                double sum = 0, compensation = 0;
                for (int i = 0; i < _totalStages; i++)
                {
                    int index = i * _degree + m;
                    double p = _p[index];
                    if (p == 0) continue;
                    double k = _k[i * _n + d];
                    double product = p * k;
                    double productError = Math.FusedMultiplyAdd(p, k, -product);
                    double next = sum + product;
                    double virtualProduct = next - sum;
                    double sumError = (sum - (next - virtualProduct)) + (product - virtualProduct);
                    sum = next;
                    compensation += productError + sumError + residuals[index] * k;
                }

                _q[m * _n + d] = _h * (sum + compensation);
            }
        }
    }

    // destination = y + h Σⱼ a_{ij} kⱼ over the stored non-zeros of row i.
    private void Combine(int row, ReadOnlySpan<double> y, double h, Span<double> destination)
    {
        int start = _rowStart[row], end = _rowStart[row + 1];
        for (int d = 0; d < _n; d++)
        {
            double acc = 0;
            for (int idx = start; idx < end; idx++) acc += _coefficient[idx] * _k[_column[idx] * _n + d];
            destination[d] = y[d] + h * acc;
        }
    }

    // destination = base + h Σⱼ wⱼ kⱼ (base omitted when empty).
    private void Accumulate(int[] columns, double[] weights, ReadOnlySpan<double> baseline, double h, Span<double> destination)
    {
        bool hasBase = !baseline.IsEmpty;
        for (int d = 0; d < _n; d++)
        {
            double acc = 0;
            for (int idx = 0; idx < columns.Length; idx++) acc += weights[idx] * _k[columns[idx] * _n + d];
            destination[d] = hasBase ? baseline[d] + h * acc : h * acc;
        }
    }

    private static bool IsWeightsRow(double[] row, ReadOnlySpan<double> b)
    {
        for (int j = 0; j < row.Length; j++)
        {
            if (row[j] != (j < b.Length ? b[j] : 0.0)) return false;
        }

        return true;
    }

    private static (int[] RowStart, int[] Column, double[] Coefficient) Sparse(double[][] rows)
    {
        var rowStart = new int[rows.Length + 1];
        var column = new List<int>();
        var coefficient = new List<double>();
        for (int i = 0; i < rows.Length; i++)
        {
            rowStart[i] = column.Count;
            for (int j = 0; j < rows[i].Length; j++)
            {
                if (rows[i][j] == 0) continue;
                column.Add(j);
                coefficient.Add(rows[i][j]);
            }
        }

        rowStart[rows.Length] = column.Count;
        return (rowStart, column.ToArray(), coefficient.ToArray());
    }
}
