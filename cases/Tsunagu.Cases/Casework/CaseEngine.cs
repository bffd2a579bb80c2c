using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tsunagu.Cases.Notifications;
using Tsunagu.Cases.Packs;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Scheduling;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Cases.Casework;

/// <summary>Builds a process engine for casework: the routing decisions, the caseworker assigner and the clock.</summary>
public static class CaseEngine
{
    /// <param name="institutions">Resolves a routed name that is a group to its member institutions (see <see cref="CaseworkerAssigner"/>).</param>
    /// <param name="notifications">Where the path's <c>notify</c> steps (monitoring reminder, overdue) leave notifications.</param>
    public static ProcessEngine Create(
        IProcessStore store,
        IEnumerable<StaffMember> staff,
        IDecisionService decisions,
        TimeProvider time,
        INotificationStore notifications,
        IJobScheduler? scheduler = null,
        Func<string, IReadOnlyList<string>>? institutions = null,
        ILogger? logger = null)
    {
        ProcessEngine? engine = null;
        var members = staff.ToList();
        engine = new ProcessEngine(store, new EngineOptions
        {
            Time = time,
            Decisions = decisions,
            Assigner = new CaseworkerAssigner(members, () => engine!, institutions),
            Handlers = new Dictionary<string, IServiceTaskHandler>
            {
                [MonitoringNotifier.Name] = new MonitoringNotifier(notifications, members, institutions ?? (_ => []), () => engine!, time),
            },
            Scheduler = scheduler,
            Logger = logger ?? NullLogger.Instance,
            InstanceKeys = Privacy.CaseAccess.InstanceKeys,
        });
        return engine;
    }

    /// <summary>
    /// An engine for one municipality pack: its routing rules answering <see cref="CaseProcess.RoutingModel"/>, its staff,
    /// and routed group names (基幹相談支援センター…) resolved to the pack's member institutions.
    /// </summary>
    public static ProcessEngine Create(IProcessStore store, SamplePack pack, TimeProvider time, INotificationStore notifications, IJobScheduler? scheduler = null) =>
        Create(store, pack, Decisions(pack, time), time, notifications, scheduler);

    /// <summary>The pack's engine over a decision service the caller chooses (e.g. <see cref="PackDecisionService"/>, which follows routing deployments).</summary>
    public static ProcessEngine Create(
        IProcessStore store, SamplePack pack, IDecisionService decisions, TimeProvider time, INotificationStore notifications, IJobScheduler? scheduler = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Create(store, pack.Staff, decisions, time, notifications, scheduler, InstitutionResolver(pack), logger);
    }

    /// <summary>Decisions for the case path: 紹介先判定 by the pack's routing rule set, other decisions from its routing.dmn.</summary>
    public static IDecisionService Decisions(SamplePack pack, TimeProvider time) => new FixedPackDecisionService(pack, time);

    /// <summary>The names of the institutions a routed name stands for in <paramref name="pack"/> (empty when unknown).</summary>
    public static Func<string, IReadOnlyList<string>> InstitutionResolver(SamplePack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return name => [.. pack.InstitutionsNamed(name).Select(i => i.Name)];
    }
}
