using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Execution;

internal sealed partial class Step
{
    /// <summary>
    /// An ad-hoc subprocess (BPMN 10.3.6) runs its activities that have no incoming flow: all at once (Parallel) or one
    /// after another in document order (Sequential), until all have run or its completion condition holds.
    /// </summary>
    private void StartAdHoc(ScopeState scope, AdHocSubProcess adHoc)
    {
        var activities = AdHocActivities(adHoc);
        scope.LoopCounter = adHoc.Ordering == "Sequential" ? Math.Min(1, activities.Count) : activities.Count;
        foreach (var activity in activities.Take(scope.LoopCounter))
        {
            NewToken(scope.Id, activity.Id);
        }

        CompleteScopeIfDone(scope.Id);
    }

    /// <summary>
    /// The ad-hoc subprocess has nothing running: start the next activity (Sequential), unless all have run or the
    /// completion condition holds. True when it goes on.
    /// </summary>
    private bool AdHocContinues(ScopeState scope, AdHocSubProcess adHoc)
    {
        var activities = AdHocActivities(adHoc);
        if (scope.LoopCounter >= activities.Count || AdHocConditionHolds(scope, adHoc))
        {
            return false;
        }

        NewToken(scope.Id, activities[scope.LoopCounter++].Id);
        return true;
    }

    /// <summary>
    /// An activity of a parallel ad-hoc subprocess ended: when the completion condition now holds and
    /// cancelRemainingInstances is set, the activities still running are cancelled (BPMN 10.3.6); otherwise they finish.
    /// </summary>
    private void CancelRemainingWhenAdHocDone(string scopeId)
    {
        if (_state.Scopes.FirstOrDefault(s => s.Id == scopeId) is { Kind: ScopeKind.SubProcess } scope
            && _graph.Node(scope.ElementId) is AdHocSubProcess { Ordering: not "Sequential", CancelRemainingInstances: true } adHoc
            && _state.Tokens.Any(t => t.ScopeId == scopeId) && AdHocConditionHolds(scope, adHoc))
        {
            foreach (var running in _state.Tokens.Where(t => t.ScopeId == scopeId).ToList())
            {
                CancelToken(running);
            }
        }
    }

    private bool AdHocConditionHolds(ScopeState scope, AdHocSubProcess adHoc) => adHoc.CompletionCondition is { } condition
        && _graph.Expression(condition).Evaluate(Visible(scope.Id), new Rules.Feel.FeelEvaluationContext(_options.Time)) is true;

    private List<Activity> AdHocActivities(AdHocSubProcess adHoc) =>
        [.. _graph.Process.ChildrenOf(adHoc.Id).OfType<Activity>().Where(a => a.Incoming.Count == 0 && !a.IsForCompensation && a is not SubProcess { TriggeredByEvent: true })];
}
