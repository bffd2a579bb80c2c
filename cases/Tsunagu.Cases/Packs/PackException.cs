namespace Tsunagu.Cases.Packs;

/// <summary>A pack file that is missing or malformed: names the file and, where known, the field (e.g. <c>staff[3].institution</c>).</summary>
public sealed class PackException : CasesException
{
    public PackException()
    {
    }

    public PackException(string message)
        : base(message)
    {
    }

    public PackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PackException(string file, string? field, string message, Exception? innerException = null)
        : base(field, field is null ? $"{file}: {message}" : $"{file}: {field}: {message}", innerException) => File = file;

    /// <summary>The file name inside the pack folder (pack.json, institutions.json, staff.json, routing.dmn).</summary>
    public string? File { get; }
}
