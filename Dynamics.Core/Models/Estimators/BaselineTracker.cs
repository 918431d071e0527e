namespace Dynamics.Models.Estimators;

/// <summary>
/// The per-estimator state of a <see cref="ScoreBaseline"/>: the running mean between estimates, and the baselines of
/// one estimate's samples given their f values. Shared by the normal and categorical score-function estimators.
/// </summary>
internal sealed class BaselineTracker(ScoreBaseline baseline)
{
    private double _running = baseline.Value;

    public ScoreBaseline Baseline { get; } = baseline;

    public void Reset() => _running = Baseline.Value;

    /// <summary>Writes each sample's baseline into <paramref name="baselines"/> and then advances the running mean.</summary>
    public void Baselines(ReadOnlySpan<double> values, Span<double> baselines)
    {
        switch (Baseline.Kind)
        {
            case ScoreBaselineKind.None:
                baselines.Clear();
                break;
            case ScoreBaselineKind.Constant:
                baselines.Fill(Baseline.Value);
                break;
            case ScoreBaselineKind.RunningMean:
                // Every sample of this estimate uses the mean of earlier estimates only, so b is independent of them.
                baselines.Fill(_running);
                double sum = 0;
                foreach (double v in values) sum += v;
                _running = Baseline.Decay * _running + (1 - Baseline.Decay) * (sum / values.Length);
                break;
            default:
                double total = 0;
                foreach (double v in values) total += v;
                for (int m = 0; m < values.Length; m++) baselines[m] = (total - values[m]) / (values.Length - 1);
                break;
        }
    }
}
