using Tsunagu.Engine.Storage.PostgreSql;

namespace Tsunagu.Bench;

/// <summary>The PostgreSQL database the benchmarks may use: the one TSUNAGU_POSTGRES names, emptied for each run.</summary>
internal static class BenchStores
{
    /// <summary>The database TSUNAGU_POSTGRES names, as the 松戸 pack's sessions (row-level security shows a session without a municipality nothing).</summary>
    public static string? PostgreSqlConnectionString =>
        Environment.GetEnvironmentVariable("TSUNAGU_POSTGRES") is { Length: > 0 } connectionString ? PostgreSqlTenancy.ConnectionString(connectionString, CaseSearchBench.Tenant) : null;

    /// <summary>A migrated store over the named database with its engine tables emptied.</summary>
    public static async Task<PostgreSqlProcessStore> OpenEmptyPostgreSqlAsync(string connectionString)
    {
        var store = await PostgreSqlProcessStore.OpenAsync(connectionString, CancellationToken.None);
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using var empty = new Npgsql.NpgsqlCommand("TRUNCATE history, subscriptions, jobs, task_candidates, tasks, instance_keys, instances, deployments", connection);
        await empty.ExecuteNonQueryAsync();
        return store;
    }
}
