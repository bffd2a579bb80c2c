using System.Text.Json.Nodes;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Execution;

internal sealed partial class Step
{
    private async Task EnterActivityAsync(TokenState token, Activity activity, CancellationToken cancellationToken)
    {
        if (activity.StartQuantity > 1 && !token.Entered && !GatherStartQuantity(token, activity))
        {
            return;
        }

        var isItem = IsMultiInstanceItem(token, activity);
        if (activity.LoopCharacteristics is MultiInstanceLoopCharacteristics multi && !isItem)
        {
            ArmOnce(token, activity);
            StartMultiInstance(token, activity, multi);
            return;
        }

        if (activity.LoopCharacteristics is StandardLoopCharacteristics { TestBefore: true } loop && !LoopContinues(token, loop))
        {
            Leave(token);
            return;
        }

        if (!isItem)
        {
            ArmOnce(token, activity);
        }
        else if (!token.Entered)
        {
            token.Entered = true;
            ApplyInputs(token, activity);
            Record(HistoryKind.ActivityStarted, activity.Id, token.Id);
        }

        switch (activity)
        {
            case SubProcess sub:
                StartSubProcess(token, sub);
                break;
            case CallActivity call:
                Call(token, call);
                break;
            case UserTask user:
                await CreateUserTaskAsync(token, user, cancellationToken);
                break;
            case ReceiveTask receive:
                token.Status = TokenStatus.Waiting;
                Subscribe(token, SubscriptionKind.Message, MessageName(receive.MessageRef), receive.Id, receive.Extensions.CorrelationKey);
                break;
            case ServiceTask service:
                await RunServiceAsync(token, service, cancellationToken);
                break;
            case ScriptTask script:
                RunScript(token, script, script.ScriptFormat, script.Script);
                break;
            case BusinessRuleTask rule:
                EvaluateDecision(token, rule);
                break;
            case SendTask send:
                Deliver(SubscriptionKind.Message, MessageName(send.MessageRef), token);
                CompleteActivity(token, null);
                break;
            default:
                CompleteActivity(token, null);
                break;
        }
    }

    /// <summary>An activity with startQuantity n starts once n tokens have arrived; they merge into one (BPMN 13.3.2).</summary>
    private bool GatherStartQuantity(TokenState token, Activity activity)
    {
        token.Status = TokenStatus.Waiting;
        var arrived = _state.Tokens.Where(t => t.ScopeId == token.ScopeId && t.NodeId == activity.Id && !t.Entered && t.Status == TokenStatus.Waiting).ToList();
        if (arrived.Count < activity.StartQuantity)
        {
            return false;
        }

        foreach (var other in arrived.Where(t => t != token).Take(activity.StartQuantity - 1))
        {
            _state.Tokens.Remove(other);
        }

        token.Status = TokenStatus.Ready;
        return true;
    }

    /// <summary>First entry of an activity: input mappings, boundary events, history.</summary>
    private void ArmOnce(TokenState token, Activity activity)
    {
        if (token.Entered)
        {
            return;
        }

        token.Entered = true;
        ApplyInputs(token, activity);
        ArmBoundaries(token, activity);
        Record(HistoryKind.ActivityStarted, activity.Id, token.Id);
    }

    /// <summary>The activity finished its work: outputs, boundary events off, then loop, next item, or onwards.</summary>
    public void CompleteActivity(TokenState token, IReadOnlyDictionary<string, JsonNode?>? result)
    {
        var node = _graph.Node(token.NodeId);
        ApplyOutputs(token, node, result);
        if (node is Activity { LoopCharacteristics: StandardLoopCharacteristics loop })
        {
            token.LoopCounter++;
            if (LoopContinues(token, loop))
            {
                Resume(token);
                return;
            }
        }

        Disarm(token);
        if (node is Activity)
        {
            Record(HistoryKind.ActivityCompleted, node.Id, token.Id);
            KeepCompensable(token, node);
        }

        if (node is Activity activity && IsMultiInstanceItem(token, activity))
        {
            CollectItemOutput(token, activity);
            Consume(token);
            return;
        }

        Leave(token);
    }

    private bool LoopContinues(TokenState token, StandardLoopCharacteristics loop)
    {
        if (loop.LoopMaximum is { } max && token.LoopCounter >= max)
        {
            return false;
        }

        SetLocal(Scope(token.ScopeId), "loopCounter", JsonValue.Create(token.LoopCounter));
        return loop.LoopCondition is null || Evaluate(token, loop.LoopCondition) is true;
    }

    private void StartSubProcess(TokenState token, SubProcess sub)
    {
        token.Status = TokenStatus.Waiting;
        var scope = NewScope(Scope(token.ScopeId), sub.Id, ScopeKind.SubProcess, token.Id);
        token.ChildScopeId = scope.Id;
        if (sub is AdHocSubProcess adHoc)
        {
            StartAdHoc(scope, adHoc);
            return;
        }

        var start = _graph.NoneStart(sub.Id);
        if (start is null)
        {
            Incident(token, $"Subprocess '{sub.Id}' has no none start event.");
            return;
        }

        NewToken(scope.Id, start.Id);
    }

    private void Call(TokenState token, CallActivity call)
    {
        if (call.CalledElement is { } called && _graph.Definitions.GlobalTasks.TryGetValue(called, out var global))
        {
            RunGlobalTask(token, global);
            return;
        }

        token.Status = TokenStatus.Waiting;
        token.ChildInstanceId = Guid.NewGuid();
        var variables = call.Extensions.Inputs.Count == 0
            ? Entries(Visible(token.ScopeId))
            : call.Extensions.Inputs.ToDictionary(m => m.Name, m => ToJson(Evaluate(token, m.Expression)), StringComparer.Ordinal);
        AddJob(JobKind.StartChild, token, call.Id, new JsonObject
        {
            ["child"] = token.ChildInstanceId.ToString(),
            ["processKey"] = call.CalledElement,
            ["version"] = call.Extensions.CalledVersion is { Binding: Model.CalledVersionBinding.Version, Version: { } v } ? v : null,
            ["variables"] = new JsonObject([.. variables]),
        });
    }

    private void RunGlobalTask(TokenState token, Activity global)
    {
        switch (global)
        {
            case ScriptTask script:
                RunScript(token, script, script.ScriptFormat, script.Script);
                break;
            default:
                CompleteActivity(token, null);
                break;
        }
    }

    /// <summary>The called instance ended: map its variables back and go on, or raise its error at the call activity.</summary>
    public void ChildEnded(TokenState token, string status, string? reason, JsonObject? variables)
    {
        token.ChildInstanceId = null;
        if (status == nameof(InstanceStatus.Failed) && reason is not null && reason.StartsWith(ErrorPrefix, StringComparison.Ordinal))
        {
            ThrowError(token, reason[ErrorPrefix.Length..]);
            return;
        }

        if (status is nameof(InstanceStatus.Failed) or nameof(InstanceStatus.Cancelled))
        {
            Incident(token, $"The called instance ended {status}: {reason}");
            return;
        }

        var result = variables?.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        var call = (CallActivity)_graph.Node(token.NodeId);
        CompleteActivity(token, call.Extensions.Outputs.Count == 0 ? result : Outputs(token, call, result));
    }

    private Dictionary<string, JsonNode?> Outputs(TokenState token, FlowNode node, IReadOnlyDictionary<string, JsonNode?>? result)
    {
        var values = Visible(token.ScopeId, result);
        return node.Extensions.Outputs.ToDictionary(
            m => m.Name,
            m => ToJson(_graph.Expression(m.Expression).Evaluate(values, new Rules.Feel.FeelEvaluationContext(_options.Time))),
            StringComparer.Ordinal);
    }

    private void RunScript(TokenState token, Activity node, string? format, string? script)
    {
        var runner = _options.ScriptRunners.TryGetValue(format ?? "", out var registered) ? registered : FeelScriptRunner.ForFormat(format);
        if (runner is null)
        {
            Incident(token, $"No script runner for format '{format}'.");
            return;
        }

        try
        {
            var result = runner.Run(new ScriptContext(_state.Id, node.Id, format, script ?? "", Visible(token.ScopeId), _options.Time));
            CompleteActivity(token, Entries(result));
        }
        catch (BpmnErrorException e)
        {
            ThrowError(token, e.ErrorCode);
        }
        catch (ScriptFailedException e)
        {
            Incident(token, e.Message);
        }
    }

    private async Task RunServiceAsync(TokenState token, ServiceTask service, CancellationToken cancellationToken)
    {
        var name = service.Extensions.Handler ?? "";
        if (!_options.Handlers.TryGetValue(name, out var handler))
        {
            Incident(token, $"No service task handler named '{name}'.");
            return;
        }

        IReadOnlyDictionary<string, JsonNode?>? result;
        try
        {
            result = await handler.ExecuteAsync(new ServiceTaskContext(_state.Id, _state.ProcessKey, service.Id, _state.BusinessKey, Visible(token.ScopeId), token.Attempts + 1), cancellationToken);
        }
        catch (BpmnErrorException e)
        {
            ThrowError(token, e.ErrorCode);
            return;
        }
        // A handler's own timeout (an HttpClient's is a TaskCanceledException) is a failure to retry; only our caller's
        // cancellation stops the step.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Retry(token, service, e.Message);
            return;
        }

        CompleteActivity(token, result);
    }

    /// <summary>A failed service call: back off and try again, or, when attempts are used up, an incident on this token only.</summary>
    private void Retry(TokenState token, ServiceTask service, string message)
    {
        token.Attempts++;
        var attempts = service.Extensions.Retry?.Attempts ?? _options.DefaultAttempts;
        if (token.Attempts >= attempts)
        {
            Incident(token, $"Service task failed {token.Attempts} time(s): {message}");
            return;
        }

        var backoff = service.Extensions.Retry?.Backoff is { } text && Timers.TryParseDuration(text, Now, out var due) ? due - Now : _options.DefaultBackoff;
        token.Status = TokenStatus.Waiting;
        AddJob(JobKind.Retry, token, service.Id, null, Now + Backoff(backoff, token.Attempts));
    }

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromDays(1);

    /// <summary>Doubles per attempt, capped (exponent and total) so a large <c>tsunagu:retry attempts</c> cannot overflow.</summary>
    private static TimeSpan Backoff(TimeSpan first, int attempt) =>
        TimeSpan.FromSeconds(Math.Min(first.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 16)), MaxBackoff.TotalSeconds));

    /// <summary>Evaluates a decision; a decision that is missing or cannot be evaluated is an incident on the token (null).</summary>
    private DecisionOutcome? Decide(TokenState token, IDecisionService decisions, string? model, string decision)
    {
        try
        {
            return decisions.Evaluate(model, decision, Visible(token.ScopeId));
        }
        catch (Exception e) when (e is DecisionNotFoundException or DmnEvaluationException)
        {
            Incident(token, e.Message);
            return null;
        }
    }

    private void EvaluateDecision(TokenState token, BusinessRuleTask task)
    {
        if (task.Extensions.Decision is not { } reference || _options.Decisions is null)
        {
            Incident(token, "The business-rule task has no tsunagu:decision, or no decision service is configured.");
            return;
        }

        if (Decide(token, _options.Decisions, reference.Model, reference.Ref) is not { } outcome)
        {
            return;
        }

        Record(HistoryKind.DecisionEvaluated, task.Id, token.Id, new JsonObject
        {
            ["decision"] = reference.Ref,
            ["model"] = reference.Model,
            ["version"] = outcome.VersionHash,
            ["rules"] = new JsonArray([.. outcome.Matches.SelectMany(m => m.Rules.Select(r => (JsonNode?)new JsonObject { ["table"] = m.TableId, ["number"] = r.Number, ["id"] = r.Id }))]),
            ["diagnostics"] = new JsonArray([.. outcome.Diagnostics.Select(d => (JsonNode?)d)]),
        });
        var variable = reference.ResultVariable ?? reference.Ref;
        CompleteActivity(token, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            [variable] = ToJson(outcome.Value),
            [variable + "Version"] = outcome.VersionHash,
        });
    }

    private async Task CreateUserTaskAsync(TokenState token, UserTask user, CancellationToken cancellationToken)
    {
        token.Status = TokenStatus.Waiting;
        var task = new UserTaskState
        {
            Id = Guid.CreateVersion7(Now),
            TokenId = token.Id,
            NodeId = user.Id,
            Name = user.Name,
            FormRef = user.Extensions.FormRef,
            CreatedAt = Now,
        };
        if (user.Extensions.Due is { } dueExpression)
        {
            task.DueAt = DueOf(dueExpression, () => Evaluate(token, dueExpression));
            if (task.DueAt is null)
            {
                Incident(token, $"The due date '{dueExpression.Text}' of '{user.Id}' is not a duration or a date and time.");
                return;
            }
        }

        if (user.Extensions.Assignment is { } assignment)
        {
            task.CandidateInstitutions = Strings(assignment.CandidateInstitution is null ? null : Evaluate(token, assignment.CandidateInstitution));
            task.CandidateRoles = Strings(assignment.CandidateRole is null ? null : Evaluate(token, assignment.CandidateRole));
            task.CandidateUsers = Strings(assignment.CandidateUser is null ? null : Evaluate(token, assignment.CandidateUser));
            if (assignment.Decision is { } decision && _options.Decisions is { } decisions)
            {
                if (Decide(token, decisions, null, decision) is not { } outcome)
                {
                    return;
                }

                if (outcome.Value is FeelContext chosen)
                {
                    task.CandidateInstitutions.AddRange(Strings(chosen.TryGet("institution", out var i) ? i : null));
                    task.CandidateRoles.AddRange(Strings(chosen.TryGet("role", out var r) ? r : null));
                    task.Assignee = chosen.TryGet("user", out var u) ? u as string : null;
                }

                task.AssignmentReason = $"{decision} {outcome.VersionHash}: rules {string.Join(", ", outcome.Matches.SelectMany(m => m.Rules).Select(r => r.Number))}";
            }
        }

        if (task.Assignee is null && _options.Assigner is { } assigner)
        {
            var request = new AssignmentRequest(_state.Id, _state.ProcessKey, user.Id, user.Name, task.CandidateInstitutions, task.CandidateRoles, Visible(token.ScopeId));
            if (await assigner.AssignAsync(request, cancellationToken) is { } decision)
            {
                task.Assignee = decision.Assignee;
                task.AssignmentReason = decision.Reason;
            }
        }

        task.Status = task.Assignee is null ? UserTaskStatus.Created : UserTaskStatus.Claimed;
        _state.Tasks.Add(task);
        Record(HistoryKind.TaskCreated, user.Id, token.Id, new JsonObject { ["task"] = task.Id.ToString(), ["assignee"] = task.Assignee });
    }

    private static List<string> Strings(object? value) => value switch
    {
        string s => [s],
        FeelList list => [.. list.Items.OfType<string>()],
        _ => [],
    };
}
