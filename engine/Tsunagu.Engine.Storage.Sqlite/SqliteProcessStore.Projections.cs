using Microsoft.Data.Sqlite;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Storage.Sqlite;

public sealed partial class SqliteProcessStore
{
    /// <summary>The derived query rows of one state (<see cref="StoreProjections"/>), built outside the write lock.</summary>
    private sealed class Projections
    {
        private readonly List<TaskRow> _tasks;
        private readonly List<CandidateRow> _candidates;
        private readonly List<JobRow> _jobs;
        private readonly List<SubscriptionRow> _subscriptions;

        public Projections(InstanceState state)
        {
            var instanceId = SqliteValues.Id(state.Id);
            var tasks = StoreProjections.Tasks(state).ToList();
            _tasks = [.. tasks.Select(TaskRow.From)];
            _candidates = [.. tasks.SelectMany(t =>
                t.CandidateInstitutions.Select(v => (Kind: CandidateKind.Institution, Value: v))
                    .Concat(t.CandidateUsers.Select(v => (Kind: CandidateKind.User, Value: v)))
                    .Select(c => new CandidateRow(SqliteValues.Id(t.Id), instanceId, c.Kind, c.Value)))];
            _jobs = [.. StoreProjections.Jobs(state).Select(j => new JobRow(instanceId, SqliteValues.Id(j.JobId), SqliteValues.Time(j.DueAt)))];
            _subscriptions = [.. StoreProjections.Subscriptions(state).Select(s =>
                new SubscriptionRow(SqliteValues.Id(s.Id), instanceId, s.Kind.ToString(), s.Name, s.CorrelationKey))];
        }

        public void Insert(SqliteSession session, SqliteTransaction transaction)
        {
            ExecuteEach(session, InsertTaskSql, transaction, _tasks);
            ExecuteEach(session, InsertCandidateSql, transaction, _candidates);
            ExecuteEach(session, InsertJobSql, transaction, _jobs);
            ExecuteEach(session, InsertSubscriptionSql, transaction, _subscriptions);
        }
    }

    private sealed record CandidateRow(string TaskId, string InstanceId, string Kind, string Value);

    private sealed record JobRow(string InstanceId, string JobId, string DueAt);

    private sealed record SubscriptionRow(string SubscriptionId, string InstanceId, string Kind, string Name, string? CorrelationKey);
}
