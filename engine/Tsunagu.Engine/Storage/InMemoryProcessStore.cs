using System.Text.Json;
using Tsunagu.Engine.Auditing;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage;

/// <summary>A store in process memory: for tests, benchmarks and throw-away runs. States are kept serialized, so nothing is shared by reference.</summary>
public sealed class InMemoryProcessStore : IProcessStore, IAuditStore
{
    private readonly Lock _gate = new();
    private readonly List<DeploymentRecord> _deployments = [];
    private readonly Dictionary<Guid, InstanceCommit> _instances = [];
    private readonly List<HistoryEvent> _history = [];
    private readonly List<AuditEntry> _audit = [];
    private readonly Dictionary<Guid, IReadOnlyList<string>> _keys = [];

    public Task<DeploymentRecord> AddDeploymentAsync(string processKey, string xml, string versionHash, string? name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var latest = _deployments.Where(d => d.ProcessKey == processKey).MaxBy(d => d.Version);
            if (latest is not null && latest.VersionHash == versionHash)
            {
                return Task.FromResult(latest);
            }

            var record = new DeploymentRecord(Guid.NewGuid().ToString("N"), processKey, (latest?.Version ?? 0) + 1, xml, versionHash, name, at);
            _deployments.Add(record);
            return Task.FromResult(record);
        }
    }

    public Task<DeploymentRecord?> GetDeploymentAsync(string processKey, int? version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var candidates = _deployments.Where(d => d.ProcessKey == processKey && (version is null || d.Version == version));
            return Task.FromResult(candidates.MaxBy(d => d.Version));
        }
    }

    public Task<IReadOnlyList<DeploymentRecord>> GetLatestDeploymentsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<DeploymentRecord> latest = [.. _deployments.GroupBy(d => d.ProcessKey).Select(g => g.MaxBy(d => d.Version)!)];
            return Task.FromResult(latest);
        }
    }

    public Task<IReadOnlyList<DeploymentVersion>> GetDeploymentVersionsAsync(string processKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<DeploymentVersion> versions = [.. _deployments.Where(d => d.ProcessKey == processKey).OrderBy(d => d.Version)
                .Select(d => new DeploymentVersion(d.Id, d.ProcessKey, d.Version, d.VersionHash, d.Name, d.DeployedAt))];
            return Task.FromResult(versions);
        }
    }

    public Task<StoredInstance?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var stored) ? stored.Instance : null);
        }
    }

    public Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        lock (_gate)
        {
            var id = commit.Instance.Id;
            var current = _instances.TryGetValue(id, out var stored) ? stored.Instance.Revision : -1;
            if (current != commit.ExpectedRevision)
            {
                throw new ConcurrencyConflictException($"Instance {id} is at revision {current}, not {commit.ExpectedRevision}.");
            }

            _instances[id] = commit;
            if (commit.Keys is { } keys)
            {
                _keys[id] = keys;
            }

            _history.AddRange(commit.History);
            Append(commit.Audit);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DueJob>> GetDueJobsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<DueJob> due = [.. _instances.Values.SelectMany(i => i.Jobs).Where(j => j.DueAt <= now).OrderBy(j => j.DueAt).Take(max)];
            return Task.FromResult(due);
        }
    }

    public Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var next = _instances.Values.SelectMany(i => i.Jobs).Select(j => (DateTimeOffset?)j.DueAt).Min();
            return Task.FromResult(next);
        }
    }

    public Task<IReadOnlyList<SubscriptionMatch>> FindSubscriptionsAsync(SubscriptionKind kind, string name, string? correlationKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<SubscriptionMatch> matches = [.. _instances.Values
                .SelectMany(i => i.Subscriptions)
                .Where(s => s.Kind == kind && s.Name == name && (correlationKey is null || s.CorrelationKey is null || s.CorrelationKey == correlationKey))
                .Select(s => new SubscriptionMatch(s.InstanceId, s.SubscriptionId))];
            return Task.FromResult(matches);
        }
    }

    public Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<TaskRecord> tasks = [.. _instances.Values.SelectMany(i => i.Tasks)
                .Where(t => StoreProjections.Matches(t, query)).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id.ToString("D"), StringComparer.Ordinal).Take(query.Limit)];
            return Task.FromResult(tasks);
        }
    }

    public Task<Guid?> FindTaskInstanceAsync(Guid taskId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.Values.SelectMany(i => i.Tasks).Where(t => t.Id == taskId).Select(t => (Guid?)t.InstanceId).FirstOrDefault());
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> events = [.. _history.Where(h => h.InstanceId == instanceId)];
            return Task.FromResult(events);
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetDefinitionHistoryAsync(string processKey, int? version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> events = [.. _history.Where(h => h.ProcessKey == processKey && (version is null || h.ProcessVersion == version))];
            return Task.FromResult(events);
        }
    }

    public Task<IReadOnlyList<WaitCount>> CountWaitsAsync(string processKey, int version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(StoreProjections.Count(_instances.Values.SelectMany(i => i.Waits).Where(w => w.ProcessKey == processKey && w.ProcessVersion == version)));
        }
    }

    public Task<IReadOnlyList<IncidentRecord>> QueryIncidentsAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<IncidentRecord> incidents = [.. _instances.Values.SelectMany(i => i.Waits)
                .Where(w => w.IncidentId is not null).OrderBy(w => w.IncidentAt).Take(limit).Select(StoreProjections.Incident)];
            return Task.FromResult(incidents);
        }
    }

    public Task<IReadOnlyList<Guid>> FindInstancesWithoutWaitsAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Guid> ids = [.. _instances.Values.Where(i => i.Instance.Status == InstanceStatus.Active && i.Waits.Count == 0).Select(i => i.Instance.Id).Take(limit)];
            return Task.FromResult(ids);
        }
    }

    public Task<IReadOnlySet<string>> MatchInstanceKeysAsync(
        string processKey, IReadOnlyCollection<string> businessKeys, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessKeys);
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            var stored = _instances.Values.Select(i => i.Instance).Where(i => i.ProcessKey == processKey && i.BusinessKey is not null)
                .Select(i => (BusinessKey: i.BusinessKey!, Keys: _keys.GetValueOrDefault(i.Id) ?? []))
                .Where(i => i.Keys.Count > 0).ToLookup(i => i.BusinessKey, i => i.Keys, StringComparer.Ordinal);
            IReadOnlySet<string> matched = businessKeys
                .Where(b => !stored.Contains(b) || stored[b].Any(k => k.Any(keys.Contains)))
                .ToHashSet(StringComparer.Ordinal);
            return Task.FromResult(matched);
        }
    }

    public Task<IReadOnlyList<Guid>> FindInstancesWithoutKeysAsync(string processKey, Guid? after, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Guid> ids = [.. _instances.Values.Select(i => i.Instance).Where(i => i.ProcessKey == processKey).Select(i => i.Id)
                .Where(id => _keys.GetValueOrDefault(id) is not { Count: > 0 } && (after is not { } a || StoreProjections.IdOrder(id, a) > 0))
                .Order(Comparer<Guid>.Create(StoreProjections.IdOrder)).Take(limit)];
            return Task.FromResult(ids);
        }
    }

    public Task<Guid?> FindInstanceIdAsync(string processKey, string businessKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.Values.Select(i => i.Instance)
                .Where(i => i.ProcessKey == processKey && i.BusinessKey == businessKey)
                .OrderBy(i => i.StartedAt).Select(i => (Guid?)i.Id).FirstOrDefault());
        }
    }

    public Task AppendAuditAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Append(records);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(long afterSequence, int limit, string? caseId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<AuditEntry> entries = [.. _audit.Where(e => e.Sequence > afterSequence && (caseId is null || e.Record.CaseId == caseId)).Take(limit)];
            return Task.FromResult(entries);
        }
    }

    /// <summary>Extends the chain; the caller holds the gate.</summary>
    private void Append(IReadOnlyList<AuditRecord> records)
    {
        foreach (var record in records)
        {
            var (sequence, previous) = _audit.Count == 0 ? (1L, AuditChain.Genesis) : (_audit[^1].Sequence + 1, _audit[^1].Hash);
            _audit.Add(new AuditEntry(sequence, record, previous, AuditChain.Hash(sequence, previous, record)));
        }
    }
}

/// <summary>The one JSON form of <see cref="InstanceState"/>; stores keep it opaque.</summary>
internal static class StateJson
{
    /// <summary>
    /// How the engine stores JSON (the state here, history data in <see cref="StoreSql.DataJson"/>): Japanese text as
    /// UTF-8, not \uXXXX escapes (half the bytes), since it is stored, never embedded in a page.
    /// </summary>
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Options) ?? throw new InvalidDataException("Stored instance state is empty.");
}
