using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Notifications;
using Tsunagu.Engine;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Composition;
using Tsunagu.Host.Endpoints;

namespace Tsunagu.Host.Cli;

/// <summary>
/// <c>tsunagu crash-test --store sqlite|postgresql --cases N --kills K</c>: a child host takes N intakes over HTTP (each
/// with an Idempotency-Key, retried until answered) while the harness kills it K times with SIGKILL mid-request and
/// starts it again; then it reads the store and prints one line of counts. Exit 0 when every count of harm is 0.
/// </summary>
public static class CrashCommand
{
    private const string Password = "crash-test-password";
    private const string Intake = "ikiiki-kogane-caseworker";

    // A matsudo intake that the case path routes to several institutions (so it has tasks and a meeting track).
    private const string Consultation = """
        { "window": "小金高齢者いきいき安心センター",
          "consultation": { "municipality": "matsudo",
            "person": { "age": 82, "area": "小金", "livesAlone": false, "disability": "none", "concerns": ["dementia"] },
            "household": [ { "relation": "son", "age": 52, "disability": "none", "concerns": ["hikikomori"] } ],
            "consent": "granted" } }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "sqlite (default) or postgresql", DefaultValueFactory = _ => TsunaguStore.Sqlite };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL: the connection string (default: TSUNAGU_POSTGRES)" };
        var cases = new Option<int>("--cases") { Description = "Intakes to take", DefaultValueFactory = _ => 20 };
        var kills = new Option<int>("--kills") { Description = "Times to kill the host mid-request (at most one per intake)", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the kill points and delays", DefaultValueFactory = _ => 15 };
        var command = new Command("crash-test", "Kill a host at random points while it takes intakes; count what was lost or doubled") { store, connection, cases, kills, seed };
        command.SetAction(async (result, cancellation) =>
        {
            var kind = result.GetValue(store) is "postgres" ? TsunaguStore.PostgreSql : result.GetValue(store)!;
            var connectionString = kind == TsunaguStore.PostgreSql ? result.GetValue(connection) ?? Environment.GetEnvironmentVariable("TSUNAGU_POSTGRES") : null;
            var (count, killCount) = (result.GetValue(cases), result.GetValue(kills));
            if (kind is not (TsunaguStore.Sqlite or TsunaguStore.PostgreSql) || (kind == TsunaguStore.PostgreSql && string.IsNullOrEmpty(connectionString)) || count < 1 || killCount < 0 || killCount > count)
            {
                await Console.Error.WriteLineAsync("crash-test: --store sqlite|postgresql (with --connection or TSUNAGU_POSTGRES), --cases ≥ 1, 0 ≤ --kills ≤ --cases.");
                return 2;
            }

            var data = Directory.CreateTempSubdirectory("tsunagu-crash").FullName;
            using var run = new Run(data, kind, connectionString, result.GetValue(seed));
            try
            {
                var report = await run.ExecuteAsync(count, killCount, cancellation);
                await Console.Out.WriteLineAsync(report.Line);
                return report.Harmless ? 0 : 1;
            }
            finally
            {
                run.Dispose();
                Directory.Delete(data, recursive: true);
            }
        });
        return command;
    }

    private sealed record Report(int Cases, int Kills, int Lost, int DuplicateCases, int DuplicateTasks, int OrphanTokens, int MissedTimers, int DuplicateNotifications)
    {
        public bool Harmless => Lost + DuplicateCases + DuplicateTasks + OrphanTokens + MissedTimers + DuplicateNotifications == 0;

        public string Line => string.Create(
            CultureInfo.InvariantCulture,
            $"crash: {Cases} cases, {Kills} kills, {Lost} lost, {DuplicateCases} duplicate cases, {DuplicateTasks} duplicate tasks, {OrphanTokens} orphan tokens, {MissedTimers} missed timers, {DuplicateNotifications} duplicate notifications");
    }

    private sealed class Run(string data, string kind, string? connectionString, int seed) : IDisposable
    {
        private readonly Random _random = new(seed);
        private readonly int _port = FreePort();
        private Process? _child;
        private HttpClient? _client;

        public async Task<Report> ExecuteAsync(int count, int killCount, CancellationToken cancellationToken)
        {
            var killAt = Enumerable.Range(0, count).OrderBy(_ => _random.Next()).Take(killCount).ToHashSet();
            var answered = new Dictionary<string, string>(StringComparer.Ordinal);
            var requestTime = TimeSpan.FromMilliseconds(20);
            await StartAsync(cancellationToken);
            for (var i = 0; i < count; i++)
            {
                var key = $"crash-{i}";
                if (killAt.Contains(i))
                {
                    // Anywhere in the request, as long as the last one took: before, during or after its commit.
                    var inFlight = TryPostAsync(key, cancellationToken);
                    await Task.Delay(TimeSpan.FromTicks((long)(_random.NextDouble() * requestTime.Ticks)), cancellationToken);
                    Stop();
                    await inFlight;
                    await StartAsync(cancellationToken);
                }

                var watch = Stopwatch.StartNew();
                answered[key] = await PostUntilAnsweredAsync(key, cancellationToken);
                requestTime = killAt.Contains(i) ? requestTime : watch.Elapsed;
            }

            Stop();
            return await CountAsync(count, killCount, answered.Values, cancellationToken);
        }

        public void Dispose() => Stop();

        public void Stop()
        {
            if (_child is { HasExited: false })
            {
                _child.Kill(entireProcessTree: true);
                _child.WaitForExit();
            }

            _child?.Dispose();
            _child = null;
            _client?.Dispose();
            _client = null;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private async Task StartAsync(CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in (string[])[
                typeof(TsunaguApp).Assembly.Location, "serve", "--urls", $"http://127.0.0.1:{_port}",
                $"--Tsunagu:DataDirectory={data}", $"--Tsunagu:DemoPassword={Password}", $"--Tsunagu:Store={kind}",
                "--Tsunagu:TokenRequestsPerMinute=1000000", "--Tsunagu:ApiRequestsPerMinute=1000000",
                // One host at a time: after a restart, a reservation without an answer is the killed request's.
                "--Tsunagu:IdempotencyAbandonedAfter=00:00:00", .. connectionString is null ? (string[])[] : [$"--Tsunagu:ConnectionString={connectionString}"]])
            {
                start.ArgumentList.Add(argument);
            }

            _child = Process.Start(start)!;
            _child.OutputDataReceived += (_, _) => { };
            _child.ErrorDataReceived += (_, _) => { };
            _child.BeginOutputReadLine();
            _child.BeginErrorReadLine();
            _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(30) };
            var deadline = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                try
                {
                    using var token = await _client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { userName = Intake, password = Password }, cancellationToken);
                    if (token.IsSuccessStatusCode)
                    {
                        var bearer = (await token.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString();
                        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                        return;
                    }
                }
                catch (HttpRequestException) when (Stopwatch.GetTimestamp() < deadline)
                {
                }

                if (Stopwatch.GetTimestamp() >= deadline || _child.HasExited)
                {
                    throw new InvalidOperationException("The child host did not become ready.");
                }

                await Task.Delay(200, cancellationToken);
            }
        }

        /// <summary>One attempt; null when the connection broke or the key is still held.</summary>
        private async Task<string?> TryPostAsync(string key, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/cases", UriKind.Relative))
            {
                Content = new StringContent(Consultation, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(Idempotency.Header, key);
            try
            {
                using var response = await _client!.SendAsync(request, cancellationToken);
                return response.StatusCode == HttpStatusCode.Created
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("caseId").GetString()
                    : null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return null;
            }
        }

        private async Task<string> PostUntilAnsweredAsync(string key, CancellationToken cancellationToken)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (await TryPostAsync(key, cancellationToken) is { } caseId)
                {
                    return caseId;
                }

                await Task.Delay(100, cancellationToken);
            }

            throw new InvalidOperationException($"The intake {key} was never answered.");
        }

        /// <summary>Reads the store as it was left: what the client was told exists, once, and can go on.</summary>
        private async Task<Report> CountAsync(int count, int kills, IEnumerable<string> answered, CancellationToken cancellationToken)
        {
            await using var stores = TsunaguStore.Create(kind, connectionString ?? $"Data Source={Path.Combine(data, "tsunagu.db")}", new TsunaguSettings().Pack, TimeProvider.System);
            var engine = new ProcessEngine(stores.Engine);
            var started = (await stores.Engine.GetDefinitionHistoryAsync(CaseProcess.Key, null, cancellationToken)).Where(h => h.Kind == HistoryKind.InstanceStarted).ToList();
            var lost = 0;
            var orphans = 0;
            var duplicateTasks = 0;
            foreach (var caseId in answered)
            {
                if (await engine.FindInstanceAsync(CaseProcess.Key, caseId, cancellationToken) is not { } view)
                {
                    lost++;
                    continue;
                }

                var tasks = await stores.Engine.QueryTasksAsync(new TaskQuery { InstanceId = view.Id, Limit = 1000 }, cancellationToken);
                duplicateTasks += tasks.Count - tasks.DistinctBy(t => (t.NodeId, string.Join('|', t.CandidateInstitutions), t.Assignee)).Count();
                if (view.Status == InstanceStatus.Active && (view.ActiveNodes.Count == 0 || (view.Tasks.Count == 0 && view.Jobs.Count == 0 && view.Subscriptions.Count == 0)))
                {
                    orphans++;
                }
            }

            // A timer is missed when it was due a minute before the last host stopped and is still waiting.
            var missed = (await stores.Engine.GetDueJobsAsync(TimeProvider.System.GetUtcNow().AddMinutes(-1), int.MaxValue, cancellationToken)).Count;
            return new Report(count, kills, lost, started.Count - count, duplicateTasks, orphans, missed, await DuplicateNotificationsAsync(stores, cancellationToken));
        }

        /// <summary>Notifications that tell a member of staff the same thing about the same case more than once, whatever their event keys.</summary>
        private static async Task<int> DuplicateNotificationsAsync(TsunaguStore stores, CancellationToken cancellationToken)
        {
            var duplicates = 0;
            foreach (var account in await stores.Domain.ListAsync(cancellationToken))
            {
                var received = await stores.Domain.ForRecipientAsync(account.Id, unreadOnly: false, after: null, int.MaxValue, cancellationToken);
                duplicates += received.Count - received.DistinctBy(n => (n.Kind, n.CaseId, n.Message)).Count();
            }

            return duplicates;
        }
    }
}
