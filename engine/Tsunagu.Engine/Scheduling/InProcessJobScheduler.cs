namespace Tsunagu.Engine.Scheduling;

/// <summary>
/// Runs due jobs in this process: sleeps until the next job falls due (or <c>pollInterval</c>, so jobs written by other
/// hosts are found too), runs what is due, repeats. Time comes from the engine's TimeProvider.
/// </summary>
public sealed class InProcessJobScheduler(TimeProvider time, TimeSpan pollInterval, Microsoft.Extensions.Logging.ILogger? logger = null) : IRunningJobScheduler, IAsyncDisposable
{
    // Timers cannot wait longer than ~49 days; waking daily to re-read the next due time costs nothing.
    private static readonly TimeSpan MaxSleep = TimeSpan.FromDays(1);
    private readonly TimeSpan _longestSleep = pollInterval < MaxSleep ? pollInterval : MaxSleep;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource _wake = new();
    private Task? _loop;
    private volatile bool _faulted;
    private int _stopping;

    /// <summary>Runs of the loop that failed so far (a failing run does not stop the scheduler); kept for the host to report.</summary>
    public int Faults { get; private set; }

    /// <summary>The message of the latest failed run.</summary>
    public string? LastFault { get; private set; }

    /// <summary>Whether the loop runs and its latest run succeeded (false before <see cref="Start"/> and after a failed run until one succeeds).</summary>
    public bool Healthy => _loop is { IsCompleted: false } && !_faulted;

    public void Start(ProcessEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _loop = Task.Run(() => LoopAsync(engine, _stop.Token));
    }

    public void JobDue(DateTimeOffset dueAt)
    {
        lock (_gate)
        {
            // Not Cancel(): that would resume the sleeping loop inline, on the thread that just committed a step.
            _ = _wake.CancelAsync();
        }
    }

    private async Task LoopAsync(ProcessEngine engine, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            CancellationTokenSource wake;
            lock (_gate)
            {
                // The spent source is dropped, not disposed: its callbacks may still be running on the thread pool, and a
                // source without a timeout holds nothing that needs releasing.
                if (_wake.IsCancellationRequested)
                {
                    _wake = new CancellationTokenSource();
                }

                wake = _wake;
            }

            try
            {
                while (await engine.RunDueJobsAsync(100, stop) > 0)
                {
                }

                var next = await engine.GetNextDueAsync(stop);
                _faulted = false;
                var delay = next is { } due ? due - time.GetUtcNow() : _longestSleep;
                delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > _longestSleep ? _longestSleep : delay;
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, wake.Token);
                await Task.Delay(delay, time, linked.Token);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                // Woken early: a step scheduled an earlier job.
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                Faults++;
                LastFault = e.Message;
                _faulted = true;
                EngineLog.SchedulerFaulted(logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, e.GetType().Name, Faults);
                await Task.Delay(_longestSleep, time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Stops the loop and waits for the run under way to end; safe to call more than once.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 0)
        {
            await _stop.CancelAsync();
        }

        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _wake.Dispose();
    }
}
