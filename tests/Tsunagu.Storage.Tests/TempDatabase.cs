namespace Tsunagu.Storage.Tests;

/// <summary>A SQLite file name in the temp folder, unique per test, and the removal of it with its WAL files.</summary>
internal static class TempDatabase
{
    public static string NewPath(string purpose) => Path.Combine(Path.GetTempPath(), $"tsunagu-{purpose}-{Guid.NewGuid():N}.db");

    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.Delete(file);
        }
    }
}
