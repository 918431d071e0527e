namespace Dynamics.Models.Generative;

/// <summary>
/// A fixed set of background threads that each run a data-parallel body once and then wait, so a vector field can use
/// every core on every evaluation without the per-call allocations of <c>Parallel.For</c> (tasks, closures). The
/// caller's thread runs body(0). The body decides how work is shared; its results must not depend on which worker
/// does what, so they do not depend on timing.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _start;
    private readonly ManualResetEventSlim[] _done;
    private Action<int>? _body;
    private volatile bool _disposed;

    public WorkerPool(int workers)
    {
        Workers = Math.Max(1, workers);
        int extra = Workers - 1;
        _threads = new Thread[extra];
        _start = new ManualResetEventSlim[extra];
        _done = new ManualResetEventSlim[extra];
        for (int w = 0; w < extra; w++)
        {
            _start[w] = new ManualResetEventSlim(false);
            _done[w] = new ManualResetEventSlim(false);
            int index = w;
            _threads[w] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"Dynamics worker {w + 1}" };
            _threads[w].Start();
        }
    }

    public int Workers { get; }

    /// <summary>Runs body(0) … body(Workers − 1) concurrently and returns when all are done. Pass a cached delegate.</summary>
    public void Run(Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _body = body;
        for (int w = 0; w < _threads.Length; w++)
        {
            _done[w].Reset();
            _start[w].Set();
        }

        body(0);
        for (int w = 0; w < _threads.Length; w++) _done[w].Wait();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (int w = 0; w < _threads.Length; w++) _start[w].Set();
        for (int w = 0; w < _threads.Length; w++) _threads[w].Join();
        for (int w = 0; w < _threads.Length; w++)
        {
            _start[w].Dispose();
            _done[w].Dispose();
        }
    }

    private void Loop(int w)
    {
        while (true)
        {
            _start[w].Wait();
            _start[w].Reset();
            if (_disposed) return;
            _body!(w + 1);
            _done[w].Set();
        }
    }
}
