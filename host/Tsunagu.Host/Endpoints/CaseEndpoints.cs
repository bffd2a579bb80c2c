using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>Cases, the caseworker's inbox, task completion and the indicators. Every call is authorized and audited.</summary>
public static class CaseEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/cases", StartCaseAsync).WithName("StartCase").WithSummary("相談受付: start a case from the routing input").CaseData("case.start");
        api.MapGet("/tasks", InboxAsync).WithName("Inbox").WithSummary("My tasks: assigned to me or offered to my institution").CaseData("task.list");
        api.MapPost("/tasks/{taskId:guid}/complete", CompleteAsync).WithName("CompleteTask").WithSummary("Complete a task with its form values").CaseData("task.complete");
        api.MapGet("/indicators", IndicatorsAsync).WithName("Indicators").WithSummary("Counts the plans report (相談受付件数, referrals, meetings, closures)")
            .CaseData("indicators.read").RequireAuthorization(Policies.Supervision);
    }

    /// <summary>The body: <c>{ "window": …, "consultation": { municipality, person, household, consent } }</c>; the consultation is checked as routing input.</summary>
    private static async Task<IResult> StartCaseAsync(JsonElement body, CaseService cases, RoutingService routing, SamplePack pack, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("consultation", out var consultation))
        {
            throw new Errors.ClientInputException("The body needs a 'consultation' (the routing input).", StatusCodes.Status400BadRequest, "consultation");
        }

        // Checked exactly as routing checks it, against the pack (areas), before anything is started.
        var request = RoutingRequestReader.Read(consultation);
        if (request.Municipality != pack.Municipality.Id)
        {
            throw new Errors.ClientInputException($"This installation serves '{pack.Municipality.Id}', not '{request.Municipality}'.", StatusCodes.Status400BadRequest, "consultation.municipality");
        }

        routing.Route(request);
        var window = body.TryGetProperty("window", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString()! : user.FindFirstValue(Policies.InstitutionClaim)!;
        if (!pack.Institutions.Any(i => i.Name == window))
        {
            throw new Errors.ClientInputException($"'{window}' is not an institution of {pack.Municipality.Name}.", StatusCodes.Status400BadRequest, "window");
        }

        var intake = new CaseIntake
        {
            Person = JsonNode.Parse(consultation.GetProperty("person").GetRawText())!.AsObject(),
            Household = consultation.TryGetProperty("household", out var h) && h.ValueKind == JsonValueKind.Array ? JsonNode.Parse(h.GetRawText())!.AsArray() : [],
            Consent = request.Consent,
            Window = window,
        };
        var handle = await cases.StartCaseAsync(intake, UserId(user), cancellationToken);
        return Results.Json(new { caseId = handle.CaseId, instanceId = handle.InstanceId }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> InboxAsync(ProcessEngine engine, SamplePack pack, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var found = new List<TaskRecord>(await engine.QueryTasksAsync(new TaskQuery { CandidateUser = UserId(user) }, cancellationToken));
        foreach (var name in OfferedTo(pack, user))
        {
            found.AddRange(await engine.QueryTasksAsync(new TaskQuery { CandidateInstitution = name }, cancellationToken));
        }

        var tasks = found.DistinctBy(t => t.Id).Where(t => MayActOn(t, pack, user)).OrderBy(t => t.CreatedAt)
            .Select(t => new { id = t.Id, t.Name, node = t.NodeId, caseId = t.BusinessKey, t.Assignee, t.AssignmentReason, t.CandidateInstitutions, t.CreatedAt });
        return Results.Ok(tasks);
    }

    private static async Task<IResult> CompleteAsync(Guid taskId, JsonElement body, ProcessEngine engine, SamplePack pack, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new Errors.ClientInputException("The form values must be a JSON object.", StatusCodes.Status400BadRequest, "body");
        }

        var task = await VisibleTaskAsync(engine, pack, taskId, user, cancellationToken);
        var variables = JsonNode.Parse(body.GetRawText())!.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        var forbidden = variables.Keys.FirstOrDefault(k => task.ProcessKey == CaseProcess.Key && !CaseProcess.FormMaySet(task.NodeId, k));
        if (forbidden is not null)
        {
            throw new Errors.ClientInputException($"'{forbidden}' is a case variable this task's form may not set.", StatusCodes.Status400BadRequest, forbidden);
        }

        await engine.CompleteTaskAsync(task.Id, variables, UserId(user), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> IndicatorsAsync(DateTimeOffset? from, DateTimeOffset? to, IndicatorService indicators, TimeProvider time, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        return Results.Ok(await indicators.ComputeAsync(from ?? end.AddYears(-1), end, cancellationToken));
    }

    /// <summary>A task the caller may act on: assigned to them, offered to them, or offered to their institution; otherwise "not found".</summary>
    private static async Task<TaskRecord> VisibleTaskAsync(ProcessEngine engine, SamplePack pack, Guid taskId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var instance = await engine.Store.FindTaskInstanceAsync(taskId, cancellationToken) ?? throw new EngineNotFoundException($"No open task {taskId}.");
        var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instance }, cancellationToken)).FirstOrDefault(t => t.Id == taskId);
        return task is not null && MayActOn(task, pack, user) ? task : throw new EngineNotFoundException($"No open task {taskId}.");
    }

    /// <summary>
    /// The caller may act on a task assigned to them, or on an unassigned one offered to them or to their institution
    /// (or a group it belongs to) when they hold one of the task's candidate roles, if it names any.
    /// </summary>
    private static bool MayActOn(TaskRecord task, SamplePack pack, ClaimsPrincipal user)
    {
        var id = UserId(user);
        if (task.Assignee is not null)
        {
            return task.Assignee == id;
        }

        var offered = task.CandidateUsers.Contains(id) || task.CandidateInstitutions.Any(OfferedTo(pack, user).Contains);
        return offered && (task.CandidateRoles.Count == 0 || task.CandidateRoles.Any(user.IsInRole));
    }

    /// <summary>The candidate names that reach the caller: their institution and the groups it belongs to (基幹相談支援センター…).</summary>
    private static HashSet<string> OfferedTo(SamplePack pack, ClaimsPrincipal user)
    {
        var institution = user.FindFirstValue(Policies.InstitutionClaim);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in pack.Institutions.Where(i => i.Name == institution))
        {
            names.Add(entry.Name);
            if (entry.Group is { } group)
            {
                names.Add(group);
            }
        }

        return names;
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
