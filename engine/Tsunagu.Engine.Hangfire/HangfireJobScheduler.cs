using System.Collections.Concurrent;
using Hangfire;
using Hangfire.States;
using Tsunagu.Engine.Scheduling;

namespace Tsunagu.Engine.Hangfire;

/// <summary>How the Hangfire scheduler wakes the engine.</summary>
public sealed record HangfireSchedulerOptions
{
    /// <summary>How often Hangfire looks for scheduled wake-ups that fell due (its default, 15 s, would make timers late).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Due jobs the engine claims per round.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>
    /// Claimers a wake-up runs at once, each claiming its own batch (the store's job claims keep them apart): one thread
    /// leaves the store idle while it runs the engine, several keep it busy and let a store commit their steps together.
    /// At least four: a claimer mostly waits for its batch's commits (measured in docs/benchmarks.md, timers).
    /// </summary>
    public int Claimers { get; init; } = Math.Max(4, Environment.ProcessorCount);

    /// <summary>Hangfire workers of this host per municipality it serves, so one municipality's burst leaves the others workers.</summary>
    public int Workers { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>The recurring sweep that finds jobs other hosts wrote and anything a lost wake-up left behind.</summary>
    public string SweepCron { get; init; } = Cron.Minutely();

    /// <summary>
    /// The Hangfire queue of this host's wake-ups and sweep, and the only one its server works: hosts of different
    /// municipalities sharing Hangfire's storage each wake their own engine (ADR 0019). Hangfire allows a-z, 0-9, '_' and '-'.
    /// </summary>
    public string Queue { get; init; } = EnqueuedState.DefaultQueue;
}

/// <summary>
/// The scheduler port over Hangfire. Every job (timer, retry, continuation) stays in Tsunagu's own tables; Hangfire only
/// wakes the engine: one delayed wake-up at the earliest due time a step reports, one at start-up (re-arming whatever
/// was due while no host ran), and a recurring sweep. The engine decides what is due and checks each instance's state
/// and revision before acting. Wake-ups carry no arguments, so nothing personal reaches Hangfire's storage.
/// </summary>
/// <remarks>
/// Given <paramref name="workers"/>, the scheduler runs no server of its own: the one server of the process works its
/// queue together with the other schedulers' (several municipalities in one process, ADR 0023). Without, it runs
/// workers of its own for its queue alone.
/// </remarks>
public sealed class HangfireJobScheduler(JobStorage storage, TimeProvider time, HangfireSchedulerOptions? options = null, HangfireWorkers? workers = null)
    : IRunningJobScheduler, IAsyncDisposable
{
    public const string SweepJobId = "tsunagu-due-jobs";

    private readonly HangfireSchedulerOptions _options = options ?? new HangfireSchedulerOptions();
    private readonly BackgroundJobClient _client = new(storage);
    private readonly Lock _gate = new();
    private readonly HangfireWorkers? _own = workers is null ? new HangfireWorkers(storage, options) : null;
    private ProcessEngine? _engine;
    private DateTimeOffset? _armed;
    private volatile bool _faulted;
    private int _faults;

    public bool Healthy => _engine is not null && (workers ?? _own!).Running && !_faulted;

    public int Faults => Volatile.Read(ref _faults);

    /// <summary>Wake-ups scheduled so far (several due times before the one armed coalesce into it).</summary>
    public int WakeUpsScheduled { get; private set; }

    public void Start(ProcessEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        var recurring = new RecurringJobManager(storage);
        var queue = _options.Queue;
        var sweep = SweepJobId;
        if (queue != EnqueuedState.DefaultQueue)
        {
            // A sweep per queue; the default-queue one an earlier version registered would pile up where no server works.
            recurring.RemoveIfExists(SweepJobId);
            sweep = $"{SweepJobId}-{queue}";
        }

        recurring.AddOrUpdate<DueJobs>(sweep, queue, j => j.RunAsync(CancellationToken.None), _options.SweepCron, new RecurringJobOptions());

        (workers ?? _own!).Add(queue, this);
        _own?.Start();

        _client.Enqueue<DueJobs>(queue, j => j.RunAsync(CancellationToken.None));
    }

    public void JobDue(DateTimeOffset dueAt)
    {
        lock (_gate)
        {
            if (_armed is { } armed && armed <= dueAt)
            {
                return;
            }

            _armed = dueAt;
            WakeUpsScheduled++;
        }

        // One poll early: Hangfire starts a delayed job up to a poll interval late, and the wake-up waits out the rest. A
        // wake-up due within that poll goes to the queue at once: a delayed one would wait for the next poll.
        var delay = dueAt - time.GetUtcNow() - _options.PollInterval;
        if (delay > TimeSpan.Zero)
        {
            _client.Schedule<DueJobs>(_options.Queue, j => j.RunAsync(CancellationToken.None), delay);
        }
        else
        {
            _client.Enqueue<DueJobs>(_options.Queue, j => j.RunAsync(CancellationToken.None));
        }
    }

    public async Task StopAsync()
    {
        if (_own is not null)
        {
            await _own.StopAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>A wake-up: several claimers run due jobs in batches until none is due, then the next due time is armed.</summary>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var engine = _engine ?? throw new InvalidOperationException("The scheduler has not been started.");
        DateTimeOffset? armed;
        lock (_gate)
        {
            armed = _armed;
        }

        if (armed is { } dueAt && dueAt - time.GetUtcNow() is { } early && early > TimeSpan.Zero && early <= _options.PollInterval)
        {
            // A timer may end a moment before the clock reads the due time; claiming then would find nothing due and leave
            // the jobs to a wake-up a poll later.
            do
            {
                await Task.Delay(early, time, cancellationToken);
                early = dueAt - time.GetUtcNow();
            }
            while (early > TimeSpan.Zero);
        }

        // This run answers the wake-up armed for about now (even one a moment early): the next due time must arm anew.
        lock (_gate)
        {
            if (_armed <= time.GetUtcNow() + _options.PollInterval)
            {
                _armed = null;
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, _options.Claimers).Select(_ => Task.Run(() => DrainAsync(engine, cancellationToken), cancellationToken)));

            _faulted = false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref _faults);
            _faulted = true;
            throw;
        }

        if (await engine.GetNextDueAsync(cancellationToken) is { } next)
        {
            JobDue(next);
        }
    }

    private async Task DrainAsync(ProcessEngine engine, CancellationToken cancellationToken)
    {
        while (await engine.RunDueJobsAsync(_options.BatchSize, cancellationToken) > 0)
        {
        }
    }
}

/// <summary>
/// One Hangfire server for the schedulers of several engines on one storage: it works every registered scheduler's
/// queue and runs each wake-up in the scheduler whose queue it came from. Start it once the schedulers have started.
/// </summary>
public sealed class HangfireWorkers(JobStorage storage, HangfireSchedulerOptions? options = null) : IAsyncDisposable
{
    private readonly HangfireSchedulerOptions _options = options ?? new HangfireSchedulerOptions();
    private readonly ConcurrentDictionary<string, HangfireJobScheduler> _schedulers = new(StringComparer.Ordinal);
    private BackgroundJobServer? _server;

    /// <summary>Whether the server runs.</summary>
    public bool Running => _server is not null;

    /// <summary>The queues worked (or to be worked once started).</summary>
    public IReadOnlyCollection<string> Queues => [.. _schedulers.Keys];

    internal void Add(string queue, HangfireJobScheduler scheduler)
    {
        if (!_schedulers.TryAdd(queue, scheduler))
        {
            throw new InvalidOperationException($"The Hangfire queue '{queue}' has a scheduler already.");
        }
    }

    /// <summary>Starts the server on the queues of the schedulers started so far; without any, there is nothing to work.</summary>
    public void Start()
    {
        if (_schedulers.IsEmpty || _server is not null)
        {
            return;
        }

        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                Activator = new QueueActivator(_schedulers), SchedulePollingInterval = _options.PollInterval, WorkerCount = _options.Workers * _schedulers.Count, Queues = [.. _schedulers.Keys],
            },
            storage);
    }

    public async Task StopAsync()
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is not null)
        {
            await Task.Run(server.Dispose);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>A wake-up runs in the scheduler of the queue it was put in (Hangfire keeps a job's queue with the job).</summary>
    private sealed class QueueActivator(ConcurrentDictionary<string, HangfireJobScheduler> schedulers) : JobActivator
    {
        public override JobActivatorScope BeginScope(JobActivatorContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            var queue = context.BackgroundJob.Job.Queue;
            return queue is not null && schedulers.TryGetValue(queue, out var scheduler)
                ? new Scope(scheduler)
                : throw new InvalidOperationException($"No scheduler works the Hangfire queue '{queue}'.");
        }

        private sealed class Scope(HangfireJobScheduler scheduler) : JobActivatorScope
        {
            public override object Resolve(Type type) => type == typeof(DueJobs) ? new DueJobs(scheduler) : throw new InvalidOperationException($"{type} is not a Tsunagu job.");
        }
    }
}

/// <summary>The one Hangfire job: calls back into the engine, which decides. It has no arguments.</summary>
public sealed class DueJobs
{
    private readonly HangfireJobScheduler _scheduler;

    internal DueJobs(HangfireJobScheduler scheduler) => _scheduler = scheduler;

    public Task RunAsync(CancellationToken cancellationToken) => _scheduler.RunAsync(cancellationToken);
}
