namespace Tsunagu.Engine.Execution;

/// <summary>A process, instance, task, incident or job that does not exist (or is no longer open).</summary>
public sealed class EngineNotFoundException : Exception
{
    public EngineNotFoundException()
    {
    }

    public EngineNotFoundException(string message)
        : base(message)
    {
    }

    public EngineNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A command that the instance's current state does not allow (completing a task of an ended instance, an invalid migration…).</summary>
public sealed class EngineStateException : Exception
{
    public EngineStateException()
    {
    }

    public EngineStateException(string message)
        : base(message)
    {
    }

    public EngineStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
