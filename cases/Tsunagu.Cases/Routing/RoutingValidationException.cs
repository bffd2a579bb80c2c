namespace Tsunagu.Cases.Routing;

/// <summary>Routing input that breaks a rule of the contract; <see cref="Field"/> is its path, e.g. <c>household[0].concerns[1]</c>.</summary>
public sealed class RoutingValidationException : CasesException
{
    public RoutingValidationException()
    {
    }

    public RoutingValidationException(string message)
        : base(message)
    {
    }

    public RoutingValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RoutingValidationException(string field, string message, Exception? innerException = null)
        : base(field, $"{field}: {message}", innerException) => Detail = message;

    /// <summary>The message without the field.</summary>
    public string? Detail { get; }
}

/// <summary>The pack's routing rules failed on valid input (a broken edit of routing.dmn), not the caller's fault.</summary>
public sealed class RoutingRulesException : CasesException
{
    public RoutingRulesException()
    {
    }

    public RoutingRulesException(string message)
        : base(message)
    {
    }

    public RoutingRulesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
