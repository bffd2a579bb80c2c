using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tsunagu.Cases.Indicators;
using Tsunagu.Cases.People;
using Tsunagu.Cases.Privacy;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Casework;

/// <summary>
/// A case's lifecycle outside the regular path: 終結 with an evaluation, 中断 with a reason, reopening an ended case,
/// and the monitoring interval of one case. Coordinators decide; the case must be one they see.
/// </summary>
public sealed partial class CaseLifecycle(CaseFiles files, CaseService cases, IPersonStore people, ICaseRegister register, TimeProvider time)
{
    /// <summary>終結 with the evaluation at closure.</summary>
    public Task CloseAsync(string caseId, string evaluation, Caller caller, CancellationToken cancellationToken) =>
        EndAsync(caseId, evaluation, "evaluation", caller, cases.CloseAsync, CaseEnd.Closed, cancellationToken);

    /// <summary>中断 with the reason (転居, 連絡途絶…).</summary>
    public Task SuspendAsync(string caseId, string reason, Caller caller, CancellationToken cancellationToken) =>
        EndAsync(caseId, reason, "reason", caller, cases.SuspendAsync, CaseEnd.Suspended, cancellationToken);

    /// <summary>
    /// Reopens an ended case as a new case with the same person, household, consent and window (an ended instance does
    /// not run again); the new case records which one it reopens and starts from 紹介先判定.
    /// </summary>
    public async Task<CaseHandle> ReopenAsync(string caseId, string reason, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Required(reason, "reason");
        var ended = await files.VisibleInstanceAsync(caseId, caller, cancellationToken);
        if (ended.EndedAt is null)
        {
            throw new CaseRuleException("caseId", "The case is still open.");
        }

        string? Text(string name) => ended.Variables.GetValueOrDefault(name) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var handle = await cases.StartCaseAsync(new CaseIntake
        {
            Person = ended.Variables.GetValueOrDefault(V.Person)?.DeepClone().AsObject() ?? [],
            Household = ended.Variables.GetValueOrDefault(V.Household)?.DeepClone().AsArray(),
            Consent = Text(V.Consent) ?? CaseProcess.Consent.NotGranted,
            Window = Text(V.Window) ?? caller.Institution,
            Route = Text(V.Route),
            Area = Text(V.Area),
            ReopenedFrom = new JsonObject { ["caseId"] = caseId, ["reason"] = reason },
        }, caller.Id, cancellationToken);
        if (await people.PersonOfCaseAsync(caseId, cancellationToken) is { } link && await people.FindPersonAsync(link.PersonId, cancellationToken) is { } person)
        {
            await people.AddCasePersonAsync(person, false, link with { CaseId = handle.CaseId }, cancellationToken);
        }

        return handle;
    }

    /// <summary>Changes the monitoring interval (ISO 8601, e.g. P1M, P2W); the cycle under way keeps its due date.</summary>
    public async Task ChangeMonitoringIntervalAsync(string caseId, string interval, Caller caller, CancellationToken cancellationToken)
    {
        if (interval is null || interval.Length > 20 || !Duration().IsMatch(interval) || interval == "P")
        {
            throw new CaseInputException("interval", "An ISO 8601 period such as P1M, P6W or P90D.");
        }

        await files.VisibleInstanceAsync(caseId, caller, cancellationToken);
        if (!await cases.ChangeMonitoringIntervalAsync(caseId, interval, cancellationToken))
        {
            throw new CaseRuleException("caseId", "The case has ended.");
        }
    }

    private async Task EndAsync(
        string caseId, string text, string field, Caller caller, Func<string, string, string, CancellationToken, Task<bool>> end, string registered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Required(text, field);
        await files.VisibleInstanceAsync(caseId, caller, cancellationToken);
        if (!await end(caseId, text, caller.Id, cancellationToken))
        {
            throw new CaseRuleException("caseId", "The case has ended already.");
        }

        await register.EndedAsync(caseId, registered, time.GetUtcNow(), cancellationToken);
    }

    private static void Required(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 4000)
        {
            throw new CaseInputException(field, "Required, at most 4,000 characters.");
        }
    }

    [GeneratedRegex("^P(?:[0-9]{1,3}Y)?(?:[0-9]{1,3}M)?(?:[0-9]{1,3}W)?(?:[0-9]{1,4}D)?$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Duration();
}
