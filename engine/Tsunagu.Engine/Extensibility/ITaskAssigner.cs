using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Extensibility;

/// <summary>A user task about to be created: who the model says may do it, and the variables of the case.</summary>
public sealed record AssignmentRequest(
    Guid InstanceId,
    string ProcessKey,
    string NodeId,
    string? TaskName,
    IReadOnlyList<string> CandidateInstitutions,
    IReadOnlyList<string> CandidateRoles,
    FeelContext Variables);

/// <summary>The caseworker chosen for a task (null: leave it to the candidates' inbox) and why.</summary>
public sealed record AssignmentDecision(string? Assignee, string Reason);

/// <summary>Picks a caseworker for each new user task (e.g. same institution, right role, lowest open load).</summary>
public interface ITaskAssigner
{
    Task<AssignmentDecision?> AssignAsync(AssignmentRequest request, CancellationToken cancellationToken);
}
