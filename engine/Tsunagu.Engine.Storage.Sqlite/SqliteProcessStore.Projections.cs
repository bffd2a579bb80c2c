using Microsoft.Data.Sqlite;

namespace Tsunagu.Engine.Storage.Sqlite;

public sealed partial class SqliteProcessStore
{
    /// <summary>The query rows of one commit in SQLite's column forms, built outside the write lock.</summary>
    private sealed class Projections
    {
        private readonly List<TaskRow> _tasks;
        private readonly List<CandidateRow> _candidates;
        private readonly List<JobRow> _jobs;
        private readonly List<SubscriptionRow> _subscriptions;
        private readonly List<WaitRow> _waits;

        public Projections(InstanceCommit commit)
        {
            var instanceId = SqliteValues.Id(commit.Instance.Id);
            var tasks = commit.Tasks;
            _tasks = [.. tasks.Select(TaskRow.From)];
            _candidates = [.. tasks.SelectMany(t =>
                t.CandidateInstitutions.Select(v => (Kind: CandidateKind.Institution, Value: v))
                    .Concat(t.CandidateUsers.Select(v => (Kind: CandidateKind.User, Value: v)))
                    .Select(c => new CandidateRow(SqliteValues.Id(t.Id), instanceId, c.Kind, c.Value, SqliteValues.Time(t.CreatedAt))))];
            _jobs = [.. commit.Jobs.Select(j => new JobRow(instanceId, SqliteValues.Id(j.JobId), SqliteValues.Time(j.DueAt)))];
            KeptJobs = SqliteValues.List([.. _jobs.Select(j => j.JobId)]);
            _subscriptions = [.. commit.Subscriptions.Select(s =>
                new SubscriptionRow(SqliteValues.Id(s.SubscriptionId), instanceId, s.Kind.ToString(), s.Name, s.CorrelationKey))];
            _waits = [.. commit.Waits.Select(w => new WaitRow(
                instanceId, w.ProcessKey, w.ProcessVersion, w.BusinessKey, w.NodeId, w.IncidentId, w.IncidentMessage, w.IncidentAt is { } at ? SqliteValues.Time(at) : null))];
        }

        /// <summary>The ids of the commit's jobs as a JSON array: their rows stay (with their leases), the instance's others go.</summary>
        public string KeptJobs { get; }

        public void Insert(SqliteSession session, SqliteTransaction transaction)
        {
            ExecuteEach(session, StoreSql.InsertTask, transaction, _tasks);
            ExecuteEach(session, InsertCandidateSql, transaction, _candidates);
            ExecuteEach(session, InsertJobSql, transaction, _jobs);
            ExecuteEach(session, StoreSql.InsertSubscription, transaction, _subscriptions);
            ExecuteEach(session, StoreSql.InsertWait, transaction, _waits);
        }
    }

    private sealed record CandidateRow(string TaskId, string InstanceId, string Kind, string Value, string CreatedAt);

    private sealed record JobRow(string InstanceId, string JobId, string DueAt);

    private sealed record WaitRow(
        string InstanceId, string ProcessKey, int ProcessVersion, string? BusinessKey, string NodeId, string? IncidentId, string? IncidentMessage, string? IncidentAt);

    private sealed record SubscriptionRow(string SubscriptionId, string InstanceId, string Kind, string Name, string? CorrelationKey);
}
