using System.Diagnostics;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// Counts finished members from any thread and reports through <see cref="IProgress{T}"/> at most once per interval:
/// the first completion and the last (Completed = Total) always, counts only increasing, so a progress bar fed from
/// several workers never steps back and a million members do not post a million reports.
/// </summary>
internal sealed class ProgressThrottle
{
    private readonly IProgress<EnsembleProgress>? _progress;
    private readonly int _total;
    private readonly long _intervalTicks;
    private readonly Lock _gate = new();
    private long _lastReport = long.MinValue;
    private int _completed, _reported;

    public ProgressThrottle(IProgress<EnsembleProgress>? progress, int total, TimeSpan interval)
    {
        _progress = progress;
        _total = total;
        _intervalTicks = interval == TimeSpan.MaxValue ? long.MaxValue : (long)(interval.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Adds finished members and reports when the interval has passed or all are done.</summary>
    public void Add(int members)
    {
        int done = Interlocked.Add(ref _completed, members);
        if (_progress is null) return;
        long now = Stopwatch.GetTimestamp();
        if (done < _total && !Due(now, Volatile.Read(ref _lastReport))) return;
        lock (_gate)
        {
            // Another worker may have reported a later count meanwhile; an older one would step the count back.
            if (done <= _reported || (done < _total && !Due(now, _lastReport))) return;
            _reported = done;
            Volatile.Write(ref _lastReport, now);
            _progress.Report(new EnsembleProgress(done, _total));
        }
    }

    private bool Due(long now, long last) => last == long.MinValue || (_intervalTicks != long.MaxValue && now - last >= _intervalTicks);
}
