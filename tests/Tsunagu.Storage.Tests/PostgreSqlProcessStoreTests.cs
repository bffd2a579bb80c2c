using System.Data.Common;
using Npgsql;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.PostgreSql;

namespace Tsunagu.Storage.Tests;

/// <summary>The store contract over the PostgreSQL database named by TSUNAGU_POSTGRES (./test.sh makes a throw-away one).</summary>
[TestClass]
public sealed class PostgreSqlProcessStoreTests : SqlProcessStoreContract
{
    protected override string? SkipReason => TestServers.PostgreSql.SkipReason;

    protected override DbConnection CreateConnection() => new NpgsqlConnection(TestServers.PostgreSql.ConnectionString);

    protected override async Task<IProcessStore> OpenStoreAsync(CancellationToken cancellationToken) =>
        await PostgreSqlProcessStore.OpenAsync(TestServers.PostgreSql.ConnectionString!, cancellationToken);
}
