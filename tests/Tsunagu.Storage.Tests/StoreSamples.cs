using System.Text.Json.Nodes;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Storage.Tests;

/// <summary>Instance states and history events to store; every id is fresh, so tests never collide.</summary>
internal static class StoreSamples
{
    public const string RemindKey = "remind";

    /// <summary>A process that waits seven days at a timer, then at the user task "Remind".</summary>
    public static readonly string RemindModel = TimerModel(RemindKey, "P7D", "Remind");

    /// <summary>A process that waits at a timer of <paramref name="duration"/>, then at the user task <paramref name="taskId"/>.</summary>
    public static string TimerModel(string processKey, string duration, string taskId) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="https://tsunagu.dev/test">
          <bpmn:process id="{processKey}" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Timer" />
            <bpmn:intermediateCatchEvent id="Timer">
              <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{duration}</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="F2" sourceRef="Timer" targetRef="{taskId}" />
            <bpmn:userTask id="{taskId}" />
            <bpmn:sequenceFlow id="F3" sourceRef="{taskId}" targetRef="End" />
            <bpmn:endEvent id="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static readonly DateTimeOffset T0 = new(2030, 4, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An active instance at revision 1 with a process scope, a subprocess scope, tokens and variables of several JSON kinds.</summary>
    public static InstanceState Instance(string processKey = "leave-request", int version = 1) => new()
    {
        Id = Guid.NewGuid(),
        ProcessKey = processKey,
        ProcessVersion = version,
        DeploymentId = Guid.NewGuid().ToString("N"),
        BusinessKey = "case-" + Guid.NewGuid().ToString("N")[..8],
        Status = InstanceStatus.Active,
        Revision = 1,
        StartedAt = new DateTimeOffset(2030, 4, 1, 11, 0, 0, TimeSpan.FromHours(2)),
        NextId = 3,
        Scopes =
        [
            new ScopeState
            {
                Id = "s1",
                ElementId = processKey,
                Kind = ScopeKind.Process,
                Variables = new(StringComparer.Ordinal)
                {
                    ["days"] = JsonValue.Create(12.5m),
                    ["applicant"] = new JsonObject { ["name"] = "Aiko", ["tags"] = new JsonArray("a", "b") },
                    ["approved"] = null,
                },
            },
            new ScopeState { Id = "s2", ParentScopeId = "s1", ElementId = "review", Kind = ScopeKind.SubProcess, OwnerTokenId = "t1" },
        ],
        Tokens =
        [
            new TokenState { Id = "t1", ScopeId = "s1", NodeId = "review", Status = TokenStatus.Waiting, ChildScopeId = "s2", Entered = true },
            new TokenState { Id = "t2", ScopeId = "s2", NodeId = "check", ViaFlow = "f1", Attempts = 2 },
        ],
        Incidents = [new IncidentState { Id = "i1", TokenId = "t2", NodeId = "check", Message = "timeout", CreatedAt = T0 }],
        UncaughtEscalations = ["late"],
    };

    public static UserTaskState UserTask(DateTimeOffset createdAt, string? assignee = null, IEnumerable<string>? institutions = null, IEnumerable<string>? users = null) => new()
    {
        Id = Guid.NewGuid(),
        TokenId = "t1",
        NodeId = "approve",
        Name = "Approve leave",
        FormRef = "forms/approve",
        Status = assignee is null ? UserTaskStatus.Created : UserTaskStatus.Claimed,
        Assignee = assignee,
        CandidateInstitutions = [.. institutions ?? []],
        CandidateRoles = ["clerk", "head"],
        CandidateUsers = [.. users ?? []],
        AssignmentReason = "rule 3",
        CreatedAt = createdAt,
    };

    public static JobState Job(DateTimeOffset dueAt) => new()
    {
        Id = Guid.NewGuid(),
        Kind = JobKind.Timer,
        DueAt = dueAt,
        TokenId = "t1",
        NodeId = "timer",
        Payload = new JsonObject { ["n"] = 1 },
    };

    public static SubscriptionState Subscription(SubscriptionKind kind, string name, string? correlationKey = null) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        Name = name,
        CorrelationKey = correlationKey,
        TokenId = "t1",
        NodeId = "catch",
    };

    public static HistoryEvent Event(InstanceState state, HistoryKind kind, int minute, string? nodeId = null) => new()
    {
        InstanceId = state.Id,
        ProcessKey = state.ProcessKey,
        ProcessVersion = state.ProcessVersion,
        Kind = kind,
        NodeId = nodeId,
        TokenId = nodeId is null ? null : "t1",
        Actor = "system",
        At = T0.AddMinutes(minute),
        Data = new JsonObject { ["minute"] = minute, ["nested"] = new JsonObject { ["ok"] = true } },
    };

    /// <summary>A deep copy, so a test can change the next revision without touching the one it committed.</summary>
    public static InstanceState Copy(InstanceState state) => StateJson.Deserialize(StateJson.Serialize(state));

    /// <summary>The commit of the step that changes <paramref name="current"/> into its next revision.</summary>
    public static InstanceCommit Next(InstanceState current, Action<InstanceState> change, params HistoryEvent[] history)
    {
        var next = Copy(current);
        next.Revision = current.Revision + 1;
        change(next);
        return StoreProjections.Commit(next, current.Revision, history);
    }

    public static InstanceCommit New(InstanceState state, params HistoryEvent[] history) => StoreProjections.Commit(state, -1, history);
}
