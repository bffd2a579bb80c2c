namespace Tsunagu.Rules.Feel.Syntax;

/// <summary>A FEEL expression that does not parse; <see cref="Position"/> is the 0-based offset of the problem.</summary>
public sealed class FeelSyntaxException : DmnException
{
    public FeelSyntaxException(string message, int position)
        : base(message) => Position = position;

    public FeelSyntaxException()
    {
    }

    public FeelSyntaxException(string message)
        : base(message)
    {
    }

    public FeelSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Position { get; }
}
