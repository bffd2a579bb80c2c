using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage;

/// <summary>
/// A store that passes every call to another; a subclass overrides only what it changes (faults, timing, caching). Reads
/// of several instances at once (<see cref="LoadInstancesAsync"/>) go to the inner store too, not through
/// <see cref="LoadInstanceAsync"/>: a subclass that changes reads overrides both.
/// </summary>
public abstract class DelegatingProcessStore(IProcessStore inner) : IProcessStore
{
    protected IProcessStore Inner { get; } = inner;

    public virtual Task<DeploymentRecord> AddDeploymentAsync(string processKey, string xml, string versionHash, string? name, DateTimeOffset at, CancellationToken cancellationToken) =>
        Inner.AddDeploymentAsync(processKey, xml, versionHash, name, at, cancellationToken);

    public virtual Task<DeploymentRecord?> GetDeploymentAsync(string processKey, int? version, CancellationToken cancellationToken) =>
        Inner.GetDeploymentAsync(processKey, version, cancellationToken);

    public virtual Task<IReadOnlyList<DeploymentRecord>> GetLatestDeploymentsAsync(CancellationToken cancellationToken) => Inner.GetLatestDeploymentsAsync(cancellationToken);

    public virtual Task<IReadOnlyList<DeploymentVersion>> GetDeploymentVersionsAsync(string processKey, CancellationToken cancellationToken) =>
        Inner.GetDeploymentVersionsAsync(processKey, cancellationToken);

    public virtual Task<StoredInstance?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken) => Inner.LoadInstanceAsync(instanceId, cancellationToken);

    public virtual Task<IReadOnlyList<StoredInstance>> LoadInstancesAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken) =>
        Inner.LoadInstancesAsync(instanceIds, cancellationToken);

    public virtual Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken) => Inner.CommitAsync(commit, cancellationToken);

    public virtual Task<IReadOnlyList<DueJob>> GetDueJobsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => Inner.GetDueJobsAsync(now, max, cancellationToken);

    public virtual Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken) => Inner.GetNextDueAsync(cancellationToken);

    public virtual Task<IReadOnlyList<SubscriptionMatch>> FindSubscriptionsAsync(SubscriptionKind kind, string name, string? correlationKey, CancellationToken cancellationToken) =>
        Inner.FindSubscriptionsAsync(kind, name, correlationKey, cancellationToken);

    public virtual Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken) => Inner.QueryTasksAsync(query, cancellationToken);

    public virtual Task<Guid?> FindInstanceIdAsync(string processKey, string businessKey, CancellationToken cancellationToken) =>
        Inner.FindInstanceIdAsync(processKey, businessKey, cancellationToken);

    public virtual Task<IReadOnlyList<StoredInstance>> FindInstancesAsync(string processKey, IReadOnlyCollection<string> businessKeys, CancellationToken cancellationToken) =>
        Inner.FindInstancesAsync(processKey, businessKeys, cancellationToken);

    public virtual Task<Guid?> FindTaskInstanceAsync(Guid taskId, CancellationToken cancellationToken) => Inner.FindTaskInstanceAsync(taskId, cancellationToken);

    public virtual Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken) => Inner.GetHistoryAsync(instanceId, cancellationToken);

    public virtual Task<IReadOnlyList<HistoryEvent>> GetDefinitionHistoryAsync(string processKey, int? version, CancellationToken cancellationToken) =>
        Inner.GetDefinitionHistoryAsync(processKey, version, cancellationToken);

    public virtual Task<IReadOnlyList<WaitCount>> CountWaitsAsync(string processKey, int version, CancellationToken cancellationToken) =>
        Inner.CountWaitsAsync(processKey, version, cancellationToken);

    public virtual Task<IReadOnlyList<IncidentRecord>> QueryIncidentsAsync(int limit, CancellationToken cancellationToken) => Inner.QueryIncidentsAsync(limit, cancellationToken);

    public virtual Task<IReadOnlyList<Guid>> FindInstancesWithoutWaitsAsync(int limit, CancellationToken cancellationToken) =>
        Inner.FindInstancesWithoutWaitsAsync(limit, cancellationToken);

    public virtual Task<IReadOnlySet<string>> MatchInstanceKeysAsync(
        string processKey, IReadOnlyCollection<string> businessKeys, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        Inner.MatchInstanceKeysAsync(processKey, businessKeys, keys, cancellationToken);

    public virtual Task<IReadOnlyList<Guid>> FindInstancesWithoutKeysAsync(string processKey, Guid? after, int limit, CancellationToken cancellationToken) =>
        Inner.FindInstancesWithoutKeysAsync(processKey, after, limit, cancellationToken);
}
