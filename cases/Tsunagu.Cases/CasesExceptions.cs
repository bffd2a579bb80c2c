namespace Tsunagu.Cases;

/// <summary>The domain's errors: one base, mapped once at the edge by type. <see cref="Field"/> names the input at fault, if any.</summary>
public abstract class CasesException : Exception
{
    protected CasesException()
    {
    }

    protected CasesException(string message)
        : base(message)
    {
    }

    protected CasesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    protected CasesException(string? field, string message, Exception? innerException)
        : base(message, innerException) => Field = field;

    public string? Field { get; }
}

/// <summary>Input that breaks a rule of its contract (a missing or malformed value, a protected form field); the caller can fix it.</summary>
public sealed class CaseInputException : CasesException
{
    public CaseInputException()
    {
    }

    public CaseInputException(string message)
        : base(message)
    {
    }

    public CaseInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CaseInputException(string? field, string message, Exception? innerException = null)
        : base(field, message, innerException)
    {
    }
}

/// <summary>No such case, meeting, task or account — or one the caller may not see, which must look the same.</summary>
public sealed class CaseNotFoundException : CasesException
{
    public CaseNotFoundException()
    {
    }

    public CaseNotFoundException(string message)
        : base(message)
    {
    }

    public CaseNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Well-formed input that a rule of the domain refuses (e.g. a 重層的支援会議 for a case without consent); <see cref="Field"/> names what.</summary>
public sealed class CaseRuleException : CasesException
{
    public CaseRuleException()
    {
    }

    public CaseRuleException(string message)
        : base(message)
    {
    }

    public CaseRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CaseRuleException(string? field, string message, Exception? innerException = null)
        : base(field, message, innerException)
    {
    }
}

/// <summary>The caller is a member of a meeting that discusses the case but has not acknowledged its secrecy duty (守秘義務) yet.</summary>
public sealed class AcknowledgementRequiredException : CasesException
{
    public AcknowledgementRequiredException()
    {
    }

    public AcknowledgementRequiredException(string message)
        : base(message)
    {
    }

    public AcknowledgementRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AcknowledgementRequiredException(string meetingId, string message)
        : base(meetingId, message, null) => MeetingId = meetingId;

    public string? MeetingId { get; }
}

/// <summary>
/// A change based on a version that is no longer current (<see cref="Missing"/>: based on none while one exists); the
/// caller reads the current version and decides again, so nothing is overwritten silently.
/// </summary>
public sealed class StaleVersionException : CasesException
{
    public StaleVersionException()
    {
    }

    public StaleVersionException(string message)
        : base(message)
    {
    }

    public StaleVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StaleVersionException(int current, bool missing)
        : base(missing ? $"Say which version this change is based on (the current one is {current})." : $"The version changed meanwhile; the current one is {current}.")
    {
        Current = current;
        Missing = missing;
    }

    public int Current { get; }

    public bool Missing { get; }
}
