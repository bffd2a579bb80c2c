using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases.Casework;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>The process pages (supervisors and administrators): the 再試行 of an incident, and the diagram data their script draws.</summary>
[Authorize(Policy = Policies.Supervision)]
public abstract class ProcessPage(ProcessMonitor monitor) : TsunaguPage
{
    protected ProcessMonitor Monitor => monitor;

    /// <summary>What the diagram script reads: the BPMN and, per element, how to mark it (JSON, safe inside a script element).</summary>
    public static string DiagramData(object data) =>
        JsonSerializer.Serialize(data, JsonSerializerOptions.Web).Replace("<", "\\u003c", StringComparison.Ordinal);

    /// <summary>Retries an incident; when the cause is still there the engine raises a new one, and the page says so.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid instanceId, string incidentId, CancellationToken cancellationToken)
    {
        await monitor.RetryAsync(instanceId, incidentId, Caller.Id, cancellationToken);
        var after = await monitor.InstanceAsync(instanceId, cancellationToken);
        if (after.Incidents is [var again, ..])
        {
            TempData[ErrorKey] = $"再試行しましたが、「{again.NodeName}」で再びインシデントになりました：{again.Message}";
            return Redirect(Back(Request));
        }

        return Done("再試行しました。インシデントは解消しました。");
    }
}
