using Dynamics.Validation;

namespace Dynamics.Solvers.DenseOutput;

/// <summary>
/// A piecewise-polynomial trajectory: for each accepted step its start t₀, size h, the end of its valid range (an
/// event may end it early) and the monomial coefficients of y(t₀ + θh) = Σₘ cₘθᵐ. Built by a dense solve.
/// </summary>
public sealed class DenseTrajectory
{
    private readonly int _dimension, _degree, _direction;
    private readonly List<double> _starts = [], _sizes = [], _ends = [], _coefficients = [];

    /// <summary>Creates an empty trajectory.</summary>
    /// <param name="dimension">The state dimension n.</param>
    /// <param name="degree">The interpolant degree d (d + 1 coefficient vectors per step).</param>
    /// <param name="direction">+1 forwards in time, −1 backwards.</param>
    public DenseTrajectory(int dimension, int degree, int direction)
    {
        _dimension = dimension;
        _degree = degree;
        _direction = direction;
    }

    /// <summary>The number of stored steps.</summary>
    public int StepCount => _starts.Count;

    /// <summary>The first time covered.</summary>
    public double StartTime => _starts.Count > 0 ? _starts[0] : double.NaN;

    /// <summary>The last time covered.</summary>
    public double EndTime => _ends.Count > 0 ? _ends[^1] : double.NaN;

    /// <summary>Appends a step; <paramref name="coefficients"/> holds (d + 1) × n values.</summary>
    /// <param name="start">t₀ of the step.</param>
    /// <param name="size">h of the step.</param>
    /// <param name="end">The end of the step's valid range.</param>
    /// <param name="coefficients">The monomial coefficients c₀ … c_d.</param>
    public void Add(double start, double size, double end, ReadOnlySpan<double> coefficients)
    {
        _starts.Add(start);
        _sizes.Add(size);
        _ends.Add(end);
        _coefficients.AddRange(coefficients);
    }

    /// <summary>Evaluates y(t) for t inside the covered range (the later step wins at a shared end point).</summary>
    /// <param name="t">The time.</param>
    /// <param name="state">Receives y(t), length n.</param>
    public void Evaluate(double t, Span<double> state)
    {
        Require.Finite(t, nameof(t));
        if (_starts.Count == 0 || _direction * (t - StartTime) < 0 || _direction * (t - EndTime) > 0)
            throw new ArgumentOutOfRangeException(nameof(t), t,
                $"t = {Require.Format(t)} lies outside the dense output's range [{Require.Format(StartTime)}, {Require.Format(EndTime)}].");
        Require.Length(state.Length, _dimension, nameof(state));

        // The last step whose start is not after t (in the direction of integration).
        int lo = 0, hi = _starts.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_direction * (_starts[mid] - t) <= 0) lo = mid; else hi = mid - 1;
        }

        double theta = (t - _starts[lo]) / _sizes[lo];
        int block = lo * (_degree + 1) * _dimension;
        for (int d = 0; d < _dimension; d++)
        {
            double acc = 0;
            for (int m = _degree; m >= 1; m--) acc = (acc + _coefficients[block + m * _dimension + d]) * theta;
            state[d] = _coefficients[block + d] + acc;
        }
    }
}
