using System.Globalization;
using System.Reflection;

namespace Tsunagu.Engine.Storage;

/// <summary>One embedded schema script, named NNNN_description.sql; NNNN is its version.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql);

/// <summary>
/// The embedded schema scripts of a store adapter. Every provider ships scripts of the same versions and names (its
/// own dialect), so the migration history reads the same on SQLite, PostgreSQL and SQL Server.
/// </summary>
public static class MigrationScripts
{
    /// <summary>The scripts embedded in <paramref name="assembly"/> under <paramref name="resourcePrefix"/>, oldest first.</summary>
    public static IReadOnlyList<MigrationScript> Load(Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal))
            .Select(n => Read(assembly, n, resourcePrefix))
            .OrderBy(m => m.Version)
            .ToList();
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migration scripts have version {duplicate.Key}.");
        }

        return migrations;
    }

    private static MigrationScript Read(Assembly assembly, string resourceName, string resourcePrefix)
    {
        var name = Path.GetFileNameWithoutExtension(resourceName[resourcePrefix.Length..]);
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration script '{name}' is not named NNNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new MigrationScript(version, name, reader.ReadToEnd());
    }
}

/// <summary>Opening a store as a starting host does: migrate it, and dispose of it when migrating fails.</summary>
public static class MigratedStore
{
    public static async Task<TStore> OpenAsync<TStore>(TStore store, Func<TStore, CancellationToken, Task> migrate, CancellationToken cancellationToken)
        where TStore : IAsyncDisposable
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(migrate);
        try
        {
            await migrate(store, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
