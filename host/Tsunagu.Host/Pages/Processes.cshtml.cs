using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases.Casework;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>プロセス稼働状況: the deployed processes, where one version's instances wait (a heatmap on its diagram), and open incidents.</summary>
[AuditedPage("process.list", "プロセス稼働状況の確認")]
public sealed class ProcessesModel(ProcessMonitor monitor) : ProcessPage(monitor)
{
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    public IReadOnlyList<ProcessSummary> Processes { get; private set; } = [];

    /// <summary>The chosen process (the case path, or the first, by default); null when nothing is deployed.</summary>
    public ProcessWaits? Waits { get; private set; }

    public IReadOnlyList<ProcessIncident> Incidents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Processes = await Monitor.ProcessesAsync(cancellationToken);
        var key = Key ?? Processes.FirstOrDefault(p => p.Key == CaseProcess.Key)?.Key ?? (Processes is [var first, ..] ? first.Key : null);
        Waits = key is null ? null : await Monitor.WaitsAsync(key, Version, cancellationToken);
        Incidents = await Monitor.IncidentsAsync(cancellationToken);
    }

    /// <summary>The heat level of a count (1–4, by its share of the largest), so colour and number say the same.</summary>
    public static int Level(int tokens, int max) => max == 0 ? 0 : Math.Clamp((int)Math.Ceiling(4.0 * tokens / max), 1, 4);
}
