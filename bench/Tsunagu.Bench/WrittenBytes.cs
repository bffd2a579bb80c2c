namespace Tsunagu.Bench;

/// <summary>
/// Bytes this process has handed to write calls (Linux <c>/proc/self/io</c>, wchar): what a store writes per instance
/// does not move with the load other jobs put on the machine, as rates do. Zero where the file does not exist.
/// </summary>
internal static class WrittenBytes
{
    public static long Now()
    {
        const string Path = "/proc/self/io";
        if (!File.Exists(Path))
        {
            return 0;
        }

        var line = File.ReadLines(Path).FirstOrDefault(l => l.StartsWith("wchar:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["wchar:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
