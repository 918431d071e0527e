using Dynamics.Fields;
using Dynamics.Solvers.LinearAlgebra;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// The RADAU5 step (Hairer &amp; Wanner II, §IV.8, and Hairer's radau5.f, whose symbols are kept: z for the stage
/// increments, w = T⁻¹z for the transformed ones, θ for the Newton contraction rate).
/// </summary>
internal sealed class Radau5Stepper<TField> : IFieldStepper<TField>, IImplicitStepper where TField : IVectorField
{
    private const double Uround = 1.1102230246251565e-16;
    // radau5.f: the Radau IIA nodes, the eigenvector transformation T and T⁻¹ of A⁻¹, and the error-estimate weights.
    private static readonly double Sq6 = Math.Sqrt(6);
    private static readonly double C1 = (4 - Sq6) / 10, C2 = (4 + Sq6) / 10, C1M1 = C1 - 1, C2M1 = C2 - 1, C1MC2 = C1 - C2;
    private static readonly double Dd1 = -(13 + 7 * Sq6) / 3, Dd2 = (-13 + 7 * Sq6) / 3, Dd3 = -1.0 / 3;
    private static readonly double U1, Alph, Beta;
    private const double T11 = 9.1232394870892942792e-02, T12 = -0.14125529502095420843, T13 = -3.0029194105147424492e-02;
    private const double T21 = 0.24171793270710701896, T22 = 0.20412935229379993199, T23 = 0.38294211275726193779;
    private const double T31 = 0.96604818261509293619;
    private const double Ti11 = 4.3255798900631553510, Ti12 = 0.33919925181580986954, Ti13 = 0.54177053993587487119;
    private const double Ti21 = -4.1787185915519047273, Ti22 = -0.32768282076106238708, Ti23 = 0.47662355450055045196;
    private const double Ti31 = -0.50287263494578687595, Ti32 = 2.5719269498556054292, Ti33 = -0.59603920482822492497;
    // Reuse J while the Newton contraction θ stays at or below this (RADAU5's THET).
    private const double JacobianReuseTheta = 0.001;

    static Radau5Stepper()
    {
        double cube81 = Math.Cbrt(81), cube9 = Math.Cbrt(9);
        double u1 = (6 + cube81 - cube9) / 30;
        double alph = (12 - cube81 + cube9) / 60;
        double beta = (cube81 + cube9) * Math.Sqrt(3) / 60;
        double cno = alph * alph + beta * beta;
        U1 = 1 / u1;
        Alph = alph / cno;
        Beta = beta / cno;
    }

    private TField _field;
    private readonly JacobianSource<TField> _jacobian;
    private readonly DenseLu _real;
    private readonly ComplexDenseLu _complex;
    private readonly int _n, _maxIterations;
    private readonly double[] _j, _f0, _z1, _z2, _z3, _w1, _w2, _w3, _stage, _scale, _errorWork;
    private double[] _cont1, _cont2, _cont3, _next1, _next2, _next3;
    private double _factoredStep, _lastAcceptedStep, _attemptStep, _theta, _faccon = 1, _newtonTolerance = 0.03, _relativeTolerance = 1e-6, _errorScale = 1;
    private double[] _absoluteTolerances;
    private bool _f0Valid, _jacobianValid, _jacobianFresh, _factorValid, _pendingAccept, _haveContinuation, _firstAttemptAtPoint;
    private long _rhs;

    public Radau5Stepper(TField field, JacobianOptions options, int maxIterations)
    {
        _field = field;
        _n = field.Dimension;
        _maxIterations = maxIterations;
        _jacobian = new JacobianSource<TField>(field, options);
        _real = new DenseLu(_n);
        _complex = new ComplexDenseLu(_n);
        _j = new double[_n * _n];
        _f0 = new double[_n];
        _z1 = new double[_n];
        _z2 = new double[_n];
        _z3 = new double[_n];
        _w1 = new double[_n];
        _w2 = new double[_n];
        _w3 = new double[_n];
        _stage = new double[_n];
        _scale = new double[_n];
        _cont1 = new double[_n];
        _cont2 = new double[_n];
        _cont3 = new double[_n];
        _next1 = new double[_n];
        _next2 = new double[_n];
        _next3 = new double[_n];
        _errorWork = new double[_n];
        _absoluteTolerances = new double[_n];
        Array.Fill(_absoluteTolerances, 1e-6);
        UseTolerances(1e-6, _absoluteTolerances);
        _firstAttemptAtPoint = true;
    }

    public long RhsEvaluations => _rhs + _jacobian.RhsEvaluations;

    public int InterpolantDegree => 3;

    public long JacobianEvaluations => _jacobian.Evaluations;

    public long LuFactorizations { get; private set; }

    public long NewtonFailures { get; private set; }

    public void UseTolerances(double relativeTolerance, ReadOnlySpan<double> absoluteTolerances)
    {
        // radau5.f: rtol′ = 0.1·rtol^{2/3}, atol′ = rtol′·atol/rtol; the integrator measures with (rtol, atol), whose
        // scales are rtol/rtol′ times RADAU5's, so the error estimate is multiplied by rtol/rtol′.
        double internalRtol = 0.1 * Math.Pow(relativeTolerance, 2.0 / 3.0);
        _relativeTolerance = internalRtol;
        for (int i = 0; i < _n; i++) _absoluteTolerances[i] = internalRtol * absoluteTolerances[i] / relativeTolerance;
        _errorScale = relativeTolerance / internalRtol;
        _newtonTolerance = Math.Max(10 * Uround / internalRtol, Math.Min(0.03, Math.Sqrt(internalRtol)));
        _jacobian.SetTypicalMagnitudes(relativeTolerance, absoluteTolerances);
    }

    public void Reset(TField field)
    {
        _field = field;
        _jacobian.Reset(field);
        _rhs = 0;
        LuFactorizations = 0;
        NewtonFailures = 0;
        _faccon = 1;
        _theta = 0;
        _f0Valid = _jacobianValid = _jacobianFresh = _factorValid = _pendingAccept = _haveContinuation = false;
        _firstAttemptAtPoint = true;
    }

    public ReadOnlySpan<double> EnsureDerivative(double t, ReadOnlySpan<double> y)
    {
        if (_pendingAccept)
        {
            _pendingAccept = false;
            _f0Valid = false;
            _firstAttemptAtPoint = true;
            // RADAU5 keeps J while the last Newton iteration contracted fast; the point moved, so J is no longer fresh.
            _jacobianFresh = false;
            if (_theta > JacobianReuseTheta) _jacobianValid = false;
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
        int n = _n;
        // RADAU5 refines a large error estimate on the very first step and on retries after a rejection.
        bool refine = !_haveContinuation || !_firstAttemptAtPoint;
        _firstAttemptAtPoint = false;
        for (int i = 0; i < n; i++) _scale[i] = _absoluteTolerances[i] + _relativeTolerance * Math.Abs(y[i]);

        while (true)
        {
            if (!_jacobianValid)
            {
                _jacobian.Jacobian(t, y, _f0, _j);
                _jacobianValid = true;
                _jacobianFresh = true;
                _factorValid = false;
            }

            if (!_factorValid || h != _factoredStep)
            {
                if (!Factor(h))
                {
                    if (!_jacobianFresh)
                    {
                        _jacobianValid = false;
                        continue;
                    }

                    Fail(y, yNew, errorEstimate);
                    return;
                }
            }

            if (Newton(t, y, h)) break;
            NewtonFailures++;
            _factorValid = false;
            // A slow or diverging iteration with an old Jacobian first retries with a fresh one at the same h.
            if (!_jacobianFresh)
            {
                _jacobianValid = false;
                continue;
            }

            Fail(y, yNew, errorEstimate);
            return;
        }

        for (int i = 0; i < n; i++) yNew[i] = y[i] + _z3[i];
        EstimateError(t, y, h, refine, errorEstimate);
        SaveContinuation(h);
    }

    public void Accept()
    {
        _pendingAccept = true;
        _haveContinuation = true;
        (_cont1, _next1) = (_next1, _cont1);
        (_cont2, _next2) = (_next2, _cont2);
        (_cont3, _next3) = (_next3, _cont3);
        _lastAcceptedStep = _attemptStep;
    }

    public void Invalidate()
    {
        _pendingAccept = false;
        _f0Valid = false;
        _jacobianValid = _jacobianFresh = _factorValid = false;
        _haveContinuation = false;
        _firstAttemptAtPoint = true;
    }

    public void Interpolate(double theta, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> state)
    {
        // radau5.f CONTR5 with s = θ − 1: y1 + s(c₁ + (s − c₂ + 1)(c₂′ + (s − c₁ + 1)c₃)), i.e. in θ:
        // y1 + c₁(θ − 1) + c₂′(θ − 1)(θ − C2) + c₃(θ − 1)(θ − C2)(θ − C1).
        double a = theta - 1, b = a * (theta - C2), c = b * (theta - C1);
        for (int i = 0; i < _n; i++) state[i] = y1[i] + a * _cont1[i] + b * _cont2[i] + c * _cont3[i];
    }

    public void CopyInterpolant(ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, Span<double> coefficients)
    {
        int n = _n;
        for (int i = 0; i < n; i++)
        {
            double a1 = _cont1[i], a2 = _cont2[i], a3 = _cont3[i];
            coefficients[i] = y0[i];
            coefficients[n + i] = a1 - a2 * (1 + C2) + a3 * (C1 + C2 + C1 * C2);
            coefficients[2 * n + i] = a2 - a3 * (1 + C1 + C2);
            coefficients[3 * n + i] = a3;
        }
    }

    private bool Factor(double h)
    {
        int n = _n;
        double fac1 = U1 / h, alphn = Alph / h, betan = Beta / h;
        var e1 = _real.Matrix;
        var e2r = _complex.Real;
        var e2i = _complex.Imaginary;
        for (int k = 0; k < n * n; k++)
        {
            e1[k] = -_j[k];
            e2r[k] = -_j[k];
        }

        e2i.Clear();
        for (int i = 0; i < n; i++)
        {
            e1[i * n + i] += fac1;
            e2r[i * n + i] += alphn;
            e2i[i * n + i] = betan;
        }

        LuFactorizations += 2;
        _factoredStep = h;
        _factorValid = _real.Factor() && _complex.Factor();
        return _factorValid;
    }

    private bool Newton(double t, ReadOnlySpan<double> y, double h)
    {
        int n = _n;
        StartingValues(h);
        double fac1 = U1 / h, alphn = Alph / h, betan = Beta / h;
        _faccon = Math.Pow(Math.Max(_faccon, Uround), 0.8);
        _theta = Math.Abs(JacobianReuseTheta);
        double dynoOld = 0, thqOld = 0;
        for (int iteration = 1; iteration <= _maxIterations; iteration++)
        {
            Stage(t + C1 * h, y, _z1);
            Stage(t + C2 * h, y, _z2);
            Stage(t + h, y, _z3);
            double dyno = 0;
            for (int i = 0; i < n; i++)
            {
                double a1 = _z1[i], a2 = _z2[i], a3 = _z3[i];
                // Right-hand sides of the transformed systems (radau5.f SLVRAD with T⁻¹ applied to f).
                double r1 = Ti11 * a1 + Ti12 * a2 + Ti13 * a3;
                double r2 = Ti21 * a1 + Ti22 * a2 + Ti23 * a3;
                double r3 = Ti31 * a1 + Ti32 * a2 + Ti33 * a3;
                double s2 = -_w2[i], s3 = -_w3[i];
                _z1[i] = r1 - _w1[i] * fac1;
                _z2[i] = r2 + s2 * alphn - s3 * betan;
                _z3[i] = r3 + s3 * alphn + s2 * betan;
            }

            _real.Solve(_z1);
            _complex.Solve(_z2, _z3);
            for (int i = 0; i < n; i++)
            {
                double s = 1 / _scale[i];
                double a = _z1[i] * s, b = _z2[i] * s, c = _z3[i] * s;
                dyno += a * a + b * b + c * c;
            }

            dyno = Math.Sqrt(dyno / (3 * n));
            if (!double.IsFinite(dyno)) return false;
            if (iteration > 1)
            {
                double thq = dyno / dynoOld;
                _theta = iteration == 2 ? thq : Math.Sqrt(thq * thqOld);
                thqOld = thq;
                if (_theta >= 0.99) return false;
                _faccon = _theta / (1 - _theta);
                // Predicted error after the remaining iterations; give up early when it cannot reach the tolerance.
                double dyth = _faccon * dyno * Math.Pow(_theta, _maxIterations - 1 - iteration) / _newtonTolerance;
                if (dyth >= 1) return false;
            }

            dynoOld = Math.Max(dyno, Uround);
            for (int i = 0; i < n; i++)
            {
                double f1 = _w1[i] + _z1[i], f2 = _w2[i] + _z2[i], f3 = _w3[i] + _z3[i];
                _w1[i] = f1;
                _w2[i] = f2;
                _w3[i] = f3;
                _z1[i] = T11 * f1 + T12 * f2 + T13 * f3;
                _z2[i] = T21 * f1 + T22 * f2 + T23 * f3;
                _z3[i] = T31 * f1 + f2;
            }

            if (_faccon * dyno <= _newtonTolerance) return true;
        }

        return false;
    }

    private void Stage(double time, ReadOnlySpan<double> y, double[] z)
    {
        for (int i = 0; i < _n; i++) _stage[i] = y[i] + z[i];
        _field.Evaluate(time, _stage, z);
        _rhs++;
    }

    private void StartingValues(double h)
    {
        int n = _n;
        if (!_haveContinuation)
        {
            Array.Clear(_z1);
            Array.Clear(_z2);
            Array.Clear(_z3);
            Array.Clear(_w1);
            Array.Clear(_w2);
            Array.Clear(_w3);
            return;
        }

        // Extrapolate the last accepted step's collocation polynomial (radau5.f, label 20 onwards).
        double c3q = h / _lastAcceptedStep, c1q = C1 * c3q, c2q = C2 * c3q;
        for (int i = 0; i < n; i++)
        {
            double ak1 = _cont1[i], ak2 = _cont2[i], ak3 = _cont3[i];
            double z1 = c1q * (ak1 + (c1q - C2M1) * (ak2 + (c1q - C1M1) * ak3));
            double z2 = c2q * (ak1 + (c2q - C2M1) * (ak2 + (c2q - C1M1) * ak3));
            double z3 = c3q * (ak1 + (c3q - C2M1) * (ak2 + (c3q - C1M1) * ak3));
            _z1[i] = z1;
            _z2[i] = z2;
            _z3[i] = z3;
            _w1[i] = Ti11 * z1 + Ti12 * z2 + Ti13 * z3;
            _w2[i] = Ti21 * z1 + Ti22 * z2 + Ti23 * z3;
            _w3[i] = Ti31 * z1 + Ti32 * z2 + Ti33 * z3;
        }
    }

    private void EstimateError(double t, ReadOnlySpan<double> y, double h, bool refine, Span<double> errorEstimate)
    {
        int n = _n;
        double hee1 = Dd1 / h, hee2 = Dd2 / h, hee3 = Dd3 / h;
        var filtered = _errorWork;
        for (int i = 0; i < n; i++)
        {
            filtered[i] = hee1 * _z1[i] + hee2 * _z2[i] + hee3 * _z3[i];
            _stage[i] = filtered[i] + _f0[i];
        }

        _real.Solve(_stage);
        double norm = ScaledNorm(_stage);
        // RADAU5: on the first step or a retry a large estimate is refined once more with f at y + err, which
        // removes the estimate's spurious growth for very stiff components (Hairer & Wanner II, eq. IV.8.20).
        if (norm >= 1 && refine)
        {
            for (int i = 0; i < n; i++) _stage[i] += y[i];
            _field.Evaluate(t, _stage, errorEstimate);
            _rhs++;
            for (int i = 0; i < n; i++) _stage[i] = errorEstimate[i] + filtered[i];
            _real.Solve(_stage);
        }

        for (int i = 0; i < n; i++) errorEstimate[i] = _errorScale * _stage[i];
    }

    private double ScaledNorm(ReadOnlySpan<double> values)
    {
        double sum = 0;
        for (int i = 0; i < _n; i++)
        {
            double v = values[i] / _scale[i];
            sum += v * v;
        }

        return Math.Sqrt(sum / _n);
    }

    private void SaveContinuation(double h)
    {
        // radau5.f after an accepted step; kept aside until the integrator accepts this attempt.
        for (int i = 0; i < _n; i++)
        {
            double z1 = _z1[i], z2 = _z2[i], z3 = _z3[i];
            double cont1 = (z2 - z3) / C2M1;
            double ak = (z1 - z2) / C1MC2;
            double acont3 = (ak - z1 / C1) / C2;
            double cont2 = (ak - cont1) / C1M1;
            _next1[i] = cont1;
            _next2[i] = cont2;
            _next3[i] = cont2 - acont3;
        }

        _attemptStep = h;
    }

    private void Fail(ReadOnlySpan<double> y, Span<double> yNew, Span<double> errorEstimate)
    {
        // The integrator shrinks the step for an infinite error; the starting values restart from zero.
        y.CopyTo(yNew);
        errorEstimate.Fill(double.PositiveInfinity);
        _haveContinuation = false;
    }
}
