using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Tsunagu.Host.Cli;

/// <summary>
/// One <c>tsunagu serve</c> child of the crash harness on its own loopback port, with a signed-in client per demo user.
/// <see cref="Kill"/> is SIGKILL (no shutdown, nothing handed back); <see cref="Start"/> brings it up again on the same port.
/// </summary>
internal sealed class CrashHost(IReadOnlyList<string> settings, string password) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly int _port = FreePort();
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly Queue<string> _lastLines = new();
    private Process? _process;

    /// <summary>Finishes when the host answers sign-ins; faulted when it never did.</summary>
    public Task Ready { get; private set; } = Task.CompletedTask;

    public bool Serving => _process is { HasExited: false } && Ready.IsCompletedSuccessfully;

    public void Start(string readyUser, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[typeof(TsunaguApp).Assembly.Location, "serve", "--urls", $"http://127.0.0.1:{_port}", .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Ready = WaitReadyAsync(_process, readyUser, cancellationToken);
    }

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            // The host has no child processes; walking the process tree first would delay the SIGKILL past the chosen moment.
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    public void Dispose() => Kill();

    /// <summary>A client signed in as <paramref name="user"/>; throws <see cref="HttpRequestException"/> when the host does not answer.</summary>
    public async Task<HttpClient> ClientAsync(string user, CancellationToken cancellationToken)
    {
        if (_clients.TryGetValue(user, out var known))
        {
            return known;
        }

        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var token = await client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { userName = user, password }, cancellationToken);
            if (!token.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"Signing in as {user} answered {(int)token.StatusCode}.", null, token.StatusCode);
            }

            var bearer = (await token.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            _clients[user] = client;
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Keeps the child's last lines of output, to say why it did not start.</summary>
    private void Remember(string? line)
    {
        lock (_lastLines)
        {
            if (line is not null)
            {
                _lastLines.Enqueue(line);
            }

            while (_lastLines.Count > 30)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private string LastLines()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitReadyAsync(Process process, string user, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                await ClientAsync(user, cancellationToken);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                if (Stopwatch.GetTimestamp() >= deadline || process.HasExited)
                {
                    throw new InvalidOperationException($"The child host did not become ready; it last wrote:\n{LastLines()}", e);
                }
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
