using Tsunagu.Engine.Storage;

namespace Tsunagu.Storage.Tests;

[TestClass]
public sealed class InMemoryProcessStoreTests : ProcessStoreContract
{
    protected override Task<IProcessStore> CreateEmptyStoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IProcessStore>(new InMemoryProcessStore());
}
