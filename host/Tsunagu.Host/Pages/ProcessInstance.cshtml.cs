using Tsunagu.Cases.Casework;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>One process instance on its diagram: where its tokens stand, the path it has completed, and its incidents.</summary>
[AuditedPage("process.instance", "プロセスインスタンスの確認")]
public sealed class ProcessInstanceModel(ProcessMonitor monitor) : ProcessPage(monitor)
{
    public InstanceTrace Trace { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken) => Trace = await Monitor.InstanceAsync(id, cancellationToken);

    public static string StatusLabel(Tsunagu.Engine.Runtime.InstanceStatus status) => status switch
    {
        Tsunagu.Engine.Runtime.InstanceStatus.Active => "進行中",
        Tsunagu.Engine.Runtime.InstanceStatus.Completed => "完了",
        Tsunagu.Engine.Runtime.InstanceStatus.Terminated => "終了（打ち切り）",
        Tsunagu.Engine.Runtime.InstanceStatus.Failed => "異常終了",
        _ => "取消",
    };
}
