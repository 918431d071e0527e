using ScottPlot;

namespace Dynamics.Plotting.Figures;

/// <summary>
/// Lets a caller see every plot this library writes on its own logical flow (e.g. to check a gallery's figures for the
/// house rules: titles, equal units, legends). The observer sees each plot after it was rendered, with its file path;
/// observing is scoped to the async flow that called <see cref="Observe"/>, so parallel callers do not see each other's
/// figures.
/// </summary>
public static class FigureAudit
{
    private static readonly AsyncLocal<Action<string, Plot>?> Observer = new();

    /// <summary>Starts observing; dispose the result to stop (observers nest).</summary>
    /// <param name="observer">Receives the file path and the rendered plot (one call per panel of a multi-panel figure).</param>
    /// <returns>A handle that restores the previous observer when disposed.</returns>
    public static IDisposable Observe(Action<string, Plot> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var previous = Observer.Value;
        Observer.Value = observer;
        return new Scope(previous);
    }

    internal static void Notify(string path, Plot plot) => Observer.Value?.Invoke(path, plot);

    private sealed class Scope(Action<string, Plot>? previous) : IDisposable
    {
        public void Dispose() => Observer.Value = previous;
    }
}
