using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Notifications;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Composition;
using static Tsunagu.Host.Cli.CrashJourney;

namespace Tsunagu.Host.Cli;

/// <summary>
/// One crash-test run: takes every case through <see cref="CrashJourney"/> one step at a time, requests alternating
/// between the hosts; at K random steps it sends the step, SIGKILLs the host serving it at a random moment within that
/// step's last duration (before, during or after its commit), starts that host again and repeats the step until it is
/// done. At the end every host is killed once more and started again, and once due jobs have had time to run the
/// store is read and counted.
/// </summary>
internal sealed class CrashRun : IDisposable
{
    private const string Password = "crash-test-password";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How late a due timer may fire and still be on time: a host that claimed it and died holds it for the job lease,
    /// then another host's sweep (every minute) or wake-up (Hangfire.PostgreSql polls its queue every 15 s) runs it.
    /// Also how long the final restart may take to run every job that was due when it started.
    /// </summary>
    private static readonly TimeSpan TimerPatience = new EngineOptions().JobLease + TimeSpan.FromSeconds(90);

    private readonly string _kind;
    private readonly string _connectionString;
    private readonly Random _random;
    private readonly IReadOnlyList<CrashHost> _hosts;
    private readonly Dictionary<string, TimeSpan> _durations = new(StringComparer.Ordinal);
    private readonly List<double> _timerWaits = [];
    private readonly SortedDictionary<string, int> _killsBy = new(StringComparer.Ordinal);
    private int _turn;
    private int _missedReminders;

    public CrashRun(string data, string kind, string? connectionString, int hosts, int seed)
    {
        _kind = kind;
        _connectionString = connectionString ?? $"Data Source={Path.Combine(data, "tsunagu.db")}";
        _random = new Random(seed);
        string[] settings =
        [
            $"--Tsunagu:DataDirectory={data}", $"--Tsunagu:DemoPassword={Password}", $"--Tsunagu:Store={kind}",
            "--Tsunagu:TokenRequestsPerMinute=1000000", "--Tsunagu:ApiRequestsPerMinute=1000000",
            // The harness sends one request at a time: after a kill, a reservation without an answer is the killed request's.
            "--Tsunagu:IdempotencyAbandonedAfter=00:00:00", .. connectionString is null ? (string[])[] : [$"--Tsunagu:ConnectionString={connectionString}"],
        ];
        _hosts = [.. Enumerable.Range(0, hosts).Select(_ => new CrashHost(settings, Password))];
    }

    public async Task<CrashReport> ExecuteAsync(int count, int killCount, CancellationToken cancellationToken)
    {
        var steps = Steps.Count;
        var killAt = Enumerable.Range(0, count * steps).OrderBy(_ => _random.Next()).Take(killCount).ToHashSet();
        // One after another: hosts starting together on an empty PostgreSQL database race to create Hangfire's schema.
        foreach (var host in _hosts)
        {
            host.Start(Intake, cancellationToken);
            await host.Ready;
        }

        var cases = new List<CaseState>(count);
        for (var i = 0; i < count; i++)
        {
            var state = new CaseState($"crash-{i}");
            cases.Add(state);
            for (var s = 0; s < steps; s++)
            {
                var killed = killAt.Contains((i * steps) + s) ? await KillDuringAsync(Steps[s], state, cancellationToken) : null;
                await RunAsync(Steps[s], state, cancellationToken);
                if (killed is { } kill)
                {
                    var when = Steps[s].WaitsForTimer ? "while the timer was due" : kill.Answered ? "after the answer" : state.FoundDone ? "between the commit and its answer" : "before the answer";
                    _killsBy[when] = _killsBy.GetValueOrDefault(when) + 1;
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"kill: {state.Key} '{Steps[s].Name}' at {kill.At.TotalMilliseconds:F0} ms, {when}"));
                }
            }
        }

        if (_timerWaits.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"timers: {_timerWaits.Count} reminders seen by the caseworker after the step that made them due: median {Median(_timerWaits):F1} s, max {_timerWaits.Max():F1} s"));
        }

        if (_killsBy.Count > 0)
        {
            await Console.Error.WriteLineAsync($"kills: {string.Join(", ", _killsBy.Select(k => $"{k.Value} {k.Key}"))}");
        }

        var remaining = await RestartAndSettleAsync(cancellationToken);
        foreach (var host in _hosts)
        {
            host.Kill();
        }

        return await CountAsync(cases, killCount, remaining, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    /// <summary>Sends one attempt of the step and kills its host at a random moment of it; the host starts again behind.</summary>
    private async Task<Kill> KillDuringAsync(Step step, CaseState state, CancellationToken cancellationToken)
    {
        var host = await NextHostAsync(cancellationToken);
        var inFlight = TryAsync(step, host, state, cancellationToken);
        var typical = _durations.GetValueOrDefault(step.Name, TimeSpan.FromMilliseconds(20));
        var at = TimeSpan.FromTicks((long)(_random.NextDouble() * typical.Ticks));
        await Task.Delay(at, cancellationToken);
        host.Kill();
        var answered = await inFlight;
        host.Start(Intake, cancellationToken);
        return new Kill(at, answered);
    }

    /// <summary>When a kill landed in its step, and whether the step's attempt was answered before it.</summary>
    private sealed record Kill(TimeSpan At, bool Answered);

    /// <summary>Attempts the step until it is done; a timer not seen within the patience is counted as missed.</summary>
    private async Task RunAsync(Step step, CaseState state, CancellationToken cancellationToken)
    {
        state.FoundDone = false;
        var watch = Stopwatch.StartNew();
        var attempts = 1;
        while (!await TryAsync(step, await NextHostAsync(cancellationToken), state, cancellationToken))
        {
            attempts++;
            if (watch.Elapsed > (step.WaitsForTimer ? TimerPatience : Patience))
            {
                if (step.WaitsForTimer)
                {
                    _missedReminders++;
                    return;
                }

                throw new InvalidOperationException($"The step '{step.Name}' of {state.Key} was never done.");
            }

            await Task.Delay(step.WaitsForTimer ? 50 : 100, cancellationToken);
        }

        if (step.WaitsForTimer)
        {
            _timerWaits.Add(watch.Elapsed.TotalSeconds);
        }

        // A kill lands within a step's last clean duration: for a timer, while it is due and not yet seen fired.
        if (attempts == 1 || step.WaitsForTimer)
        {
            _durations[step.Name] = watch.Elapsed;
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<bool> TryAsync(Step step, CrashHost host, CaseState state, CancellationToken cancellationToken)
    {
        try
        {
            return await step.AttemptAsync(await host.ClientAsync(step.User, cancellationToken), state, cancellationToken);
        }
        // A kill breaks the connection, or disposes the client under the request.
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The next serving host in turn; when none serves (all restarting), the first to come up.</summary>
    private async Task<CrashHost> NextHostAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            for (var i = 0; i < _hosts.Count; i++)
            {
                var host = _hosts[(_turn + i) % _hosts.Count];
                if (host.Serving)
                {
                    _turn = (_turn + i + 1) % _hosts.Count;
                    return host;
                }
            }

            await Task.WhenAny(_hosts.Select(h => h.Ready)).WaitAsync(cancellationToken);
            foreach (var failed in _hosts.Where(h => h.Ready.IsFaulted))
            {
                await failed.Ready;
            }
        }
    }

    /// <summary>
    /// Kills every host once more and starts them again; waits until no job that was due at that moment is left (or the
    /// settle time passed). The jobs still waiting then are the missed timers.
    /// </summary>
    private async Task<int> RestartAndSettleAsync(CancellationToken cancellationToken)
    {
        foreach (var host in _hosts)
        {
            host.Kill();
            host.Start(Intake, cancellationToken);
        }

        await Task.WhenAll(_hosts.Select(h => h.Ready));
        var restartedAt = TimeProvider.System.GetUtcNow();
        await using var stores = OpenStores();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var waiting = (await stores.Engine.GetDueJobsAsync(restartedAt, int.MaxValue, cancellationToken)).Count;
            if (waiting == 0 || watch.Elapsed > TimerPatience)
            {
                return waiting;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private TsunaguStore OpenStores() => TsunaguStore.Create(_kind, _connectionString, new TsunaguSettings().Pack, TimeProvider.System);

    /// <summary>Reads the store as the run left it: every case the client was told of exists once, stands where it was driven, and nothing ran twice.</summary>
    private async Task<CrashReport> CountAsync(List<CaseState> cases, int kills, int waitingJobs, CancellationToken cancellationToken)
    {
        await using var stores = OpenStores();
        var engine = new ProcessEngine(stores.Engine);
        var started = (await stores.Engine.GetDefinitionHistoryAsync(CaseProcess.Key, null, cancellationToken)).Count(h => h.Kind == HistoryKind.InstanceStarted);
        var report = new CrashReport(cases.Count, kills, Hosts: _hosts.Count)
        {
            DuplicateCases = started - cases.Count + cases.Sum(c => c.OtherAnswers),
            MissedTimers = _missedReminders + waitingJobs,
        };
        var reminderSteps = 0;
        foreach (var state in cases)
        {
            if (state.CaseId is null || await engine.FindInstanceAsync(CaseProcess.Key, state.CaseId, cancellationToken) is not { } view)
            {
                report.Lost++;
                continue;
            }

            var tasks = await stores.Engine.QueryTasksAsync(new TaskQuery { InstanceId = view.Id, Limit = 1000 }, cancellationToken);
            var history = await stores.Engine.GetHistoryAsync(view.Id, cancellationToken);
            var created = history.Where(h => h.Kind == HistoryKind.TaskCreated).CountBy(h => h.NodeId ?? "").ToDictionary(StringComparer.Ordinal);
            var reminders = history.Count(h => h.Kind == HistoryKind.ActivityStarted && h.NodeId == CaseProcess.Nodes.NotifyReminder);
            reminderSteps += reminders;
            report.DuplicateNotifications += Math.Max(0, reminders - Rounds);
            report.DuplicateTasks += tasks.Count - tasks.DistinctBy(t => (t.NodeId, string.Join('|', t.CandidateInstitutions), t.Assignee)).Count()
                + DrivenTasks.Sum(d => Math.Max(0, created.GetValueOrDefault(d.Key) - d.Value));
            if (tasks.Count(t => t.NodeId == CaseProcess.Nodes.Monitoring) != 1 || created.GetValueOrDefault(CaseProcess.Nodes.Monitoring) != Rounds)
            {
                // Not where the harness left it: an acknowledged step was undone.
                report.Lost++;
            }

            if (view.Status == InstanceStatus.Active && (view.ActiveNodes.Count == 0 || (view.Tasks.Count == 0 && view.Jobs.Count == 0 && view.Subscriptions.Count == 0)))
            {
                report.OrphanTokens++;
            }
        }

        (var duplicates, report.RemindersFired) = await NotificationsAsync(stores, cancellationToken);
        report.DuplicateNotifications += duplicates;
        if (reminderSteps != report.RemindersFired)
        {
            // Not harm to the line: the handler's notification commits on its own, before the engine step that records it.
            await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"history: {reminderSteps} reminder steps recorded for {report.RemindersFired} reminder notifications"));
        }

        return report;
    }

    /// <summary>
    /// Notifications that tell a member of staff the same thing about the same case more than once, whatever their event
    /// keys; and the monitoring reminders received.
    /// </summary>
    private static async Task<(int Duplicates, int Reminders)> NotificationsAsync(TsunaguStore stores, CancellationToken cancellationToken)
    {
        var (duplicates, reminders) = (0, 0);
        foreach (var account in await stores.Domain.ListAsync(cancellationToken))
        {
            var received = await stores.Domain.ForRecipientAsync(account.Id, unreadOnly: false, after: null, int.MaxValue, cancellationToken);
            duplicates += received.Count - received.DistinctBy(n => (n.Kind, n.CaseId, n.Message)).Count();
            reminders += received.Count(n => n.Kind == NotificationKind.MonitoringReminder);
        }

        return (duplicates, reminders);
    }
}

/// <summary>The counts of one run; any harm makes the verb exit 1.</summary>
internal sealed record CrashReport(int Cases, int Kills, int Hosts)
{
    public int Lost { get; set; }

    public int DuplicateCases { get; init; }

    public int DuplicateTasks { get; set; }

    public int OrphanTokens { get; set; }

    public int MissedTimers { get; init; }

    public int DuplicateNotifications { get; set; }

    public int RemindersFired { get; set; }

    public bool Harmless => Lost + DuplicateCases + DuplicateTasks + OrphanTokens + MissedTimers + DuplicateNotifications == 0;

    public string Line => string.Create(
        CultureInfo.InvariantCulture,
        $"crash: {Cases} cases, {Kills} kills, {Lost} lost, {DuplicateCases} duplicate cases, {DuplicateTasks} duplicate tasks, {OrphanTokens} orphan tokens, {MissedTimers} missed timers, {DuplicateNotifications} duplicate notifications; {Hosts} host(s), {RemindersFired} reminders fired");
}
