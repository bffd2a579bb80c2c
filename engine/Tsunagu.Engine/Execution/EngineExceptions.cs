namespace Tsunagu.Engine.Execution;

/// <summary>A process, instance, task, incident or job that does not exist (or is no longer open).</summary>
public sealed class EngineNotFoundException : TsunaguEngineException
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
public sealed class EngineStateException : TsunaguEngineException
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

/// <summary>
/// A limit of <see cref="EngineOptions"/> was broken: a variable, the instance's variables or a job payload is too
/// large, or a run took too many steps, tokens or history (docs/adr/0008-engine-bounds.md).
/// </summary>
public sealed class EngineLimitExceededException : TsunaguEngineException
{
    public EngineLimitExceededException()
    {
    }

    public EngineLimitExceededException(string message)
        : base(message)
    {
    }

    public EngineLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
