namespace Dynamics.Solvers.Analysis;

/// <summary>
/// Lyapunov exponents measured by <see cref="LyapunovExponents.Compute{TField}"/>: λ₁ ≥ λ₂ ≥ … (per unit time), with
/// the running estimates after every renormalisation so their convergence can be drawn.
/// </summary>
public sealed class LyapunovSpectrum
{
    private readonly double[] _exponents, _historyTimes, _history;

    internal LyapunovSpectrum(double[] exponents, double[] historyTimes, double[] history, double time, double[] finalState, bool analyticJacobian,
        SolveStatus status, string message)
    {
        _exponents = exponents;
        _historyTimes = historyTimes;
        _history = history;
        Time = time;
        FinalState = finalState;
        AnalyticJacobian = analyticJacobian;
        Status = status;
        Message = message;
    }

    /// <summary>The exponents λ₁, λ₂, …, in the order of the Gram–Schmidt vectors (largest first for a generic start).</summary>
    public IReadOnlyList<double> Exponents => _exponents;

    /// <summary>The largest exponent λ₁ (positive for a chaotic orbit, zero on a limit cycle or torus, negative at a stable equilibrium).</summary>
    public double Largest => _exponents[0];

    /// <summary>Σλᵢ: for the whole spectrum the time average of ∇·f along the orbit (−(σ + 1 + β) for Lorenz).</summary>
    public double Sum
    {
        get
        {
            double sum = 0;
            foreach (double lambda in _exponents) sum += lambda;
            return sum;
        }
    }

    /// <summary>The averaging time actually covered (the requested time unless the solver failed).</summary>
    public double Time { get; }

    /// <summary>The orbit's state at the end.</summary>
    public IReadOnlyList<double> FinalState { get; }

    /// <summary>True when an exact Jacobian was used (the field's own, or automatic differentiation of a lane field's formula), false when central differences were.</summary>
    public bool AnalyticJacobian { get; }

    /// <summary><see cref="SolveStatus.Success"/>, or how the solver failed (the exponents then cover <see cref="Time"/> only).</summary>
    public SolveStatus Status { get; }

    /// <summary>A sentence explaining <see cref="Status"/>.</summary>
    public string Message { get; }

    /// <summary>The number of renormalisations, i.e. of entries in the running history.</summary>
    public int Renormalisations => _historyTimes.Length;

    /// <summary>The elapsed averaging time at each renormalisation.</summary>
    public IReadOnlyList<double> HistoryTimes => _historyTimes;

    /// <summary>The running estimate of exponent <paramref name="index"/> at every renormalisation (for convergence plots).</summary>
    /// <param name="index">0 … <see cref="Exponents"/>.Count − 1.</param>
    /// <returns>A new array of length <see cref="Renormalisations"/>.</returns>
    public double[] History(int index)
    {
        int k = _exponents.Length;
        if ((uint)index >= (uint)k) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in [0, {k - 1}], but was {index}.");
        var series = new double[_historyTimes.Length];
        for (int r = 0; r < series.Length; r++) series[r] = _history[r * k + index];
        return series;
    }
}
