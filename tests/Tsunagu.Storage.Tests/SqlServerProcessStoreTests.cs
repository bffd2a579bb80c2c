using System.Data.Common;
using Microsoft.Data.SqlClient;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.SqlServer;

namespace Tsunagu.Storage.Tests;

/// <summary>The store contract over the SQL Server database named by TSUNAGU_SQLSERVER; skipped when none is named.</summary>
[TestClass]
public sealed class SqlServerProcessStoreTests : SqlProcessStoreContract
{
    protected override string? SkipReason => TestServers.SqlServer.SkipReason;

    protected override DbConnection CreateConnection() => new SqlConnection(TestServers.SqlServer.ConnectionString);

    protected override async Task<IProcessStore> OpenStoreAsync(CancellationToken cancellationToken) =>
        await SqlServerProcessStore.OpenAsync(TestServers.SqlServer.ConnectionString!, cancellationToken);
}
