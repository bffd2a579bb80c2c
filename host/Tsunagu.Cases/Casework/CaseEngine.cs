using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Scheduling;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Cases.Casework;

/// <summary>Builds a process engine for casework: the routing decisions, the caseworker assigner and the clock.</summary>
public static class CaseEngine
{
    public static ProcessEngine Create(IProcessStore store, IEnumerable<StaffMember> staff, IDecisionService decisions, TimeProvider time, IJobScheduler? scheduler = null)
    {
        ProcessEngine? engine = null;
        engine = new ProcessEngine(store, new EngineOptions
        {
            Time = time,
            Decisions = decisions,
            Assigner = new CaseworkerAssigner(staff, () => engine!),
            Scheduler = scheduler,
        });
        return engine;
    }
}
