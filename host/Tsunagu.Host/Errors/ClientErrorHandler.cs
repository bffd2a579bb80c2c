using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Validation;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Host.Errors;

/// <summary>
/// Maps the typed errors of the core to RFC 9457 problem details, once, at the edge: client mistakes are 4xx with a
/// clear title and detail; anything else stays a 500 without internals.
/// </summary>
public sealed class ClientErrorHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>The HTTP status for an exception: 4xx for client mistakes, 500 otherwise.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        JsonException or XmlModelException or DmnEvaluationException => StatusCodes.Status400BadRequest,
        Cases.Packs.PackException => StatusCodes.Status422UnprocessableEntity,
        Cases.Casework.FormValueException => StatusCodes.Status400BadRequest,
        BpmnDeploymentException => StatusCodes.Status422UnprocessableEntity,
        EngineNotFoundException => StatusCodes.Status404NotFound,
        EngineStateException or Engine.Storage.ConcurrencyConflictException => StatusCodes.Status409Conflict,
        ClientInputException client => client.Status,
        Cases.Routing.RoutingValidationException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var status = StatusFor(exception);
        if (status >= 500)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = exception switch
                {
                    BpmnDeploymentException => "The process model was refused.",
                    Cases.Packs.PackException => "The model was refused.",
                    XmlModelException => "The document is not a readable model.",
                    EngineNotFoundException => "Not found.",
                    EngineStateException => "Not allowed in the current state.",
                    Cases.Routing.RoutingValidationException => "The consultation input is not valid.",
                    _ => "The request is not valid.",
                },
                Detail = exception.Message,
                Type = $"https://tsunagu.dev/problems/{exception.GetType().Name}",
            },
        };
        if (exception switch
            {
                ClientInputException c => c.Field,
                Cases.Routing.RoutingValidationException r => r.Field,
                Cases.Casework.FormValueException f => f.Field,
                _ => null,
            } is { } field)
        {
            context.ProblemDetails.Extensions["field"] = field;
        }

        return await problems.TryWriteAsync(context);
    }
}

/// <summary>A client mistake found by the host or a domain service, with the HTTP status to answer and the field at fault.</summary>
public sealed class ClientInputException : Exception
{
    public ClientInputException()
    {
    }

    public ClientInputException(string message)
        : base(message)
    {
    }

    public ClientInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClientInputException(string message, int status, string? field = null)
        : base(message)
    {
        Status = status;
        Field = field;
    }

    public int Status { get; } = StatusCodes.Status400BadRequest;

    public string? Field { get; }
}
