using Microsoft.AspNetCore.Diagnostics;
using Tsunagu.Cases;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Validation;
using Tsunagu.Rules;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Host.Errors;

/// <summary>
/// Maps the typed errors of the core to RFC 9457 problem details, once, at the edge, by type: client mistakes are 4xx
/// with a clear title, detail and the field at fault; anything else stays a 500 without internals.
/// </summary>
public sealed class ClientErrorHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>The HTTP status for an exception: 4xx for client mistakes, 500 otherwise.</summary>
    public static int StatusFor(Exception exception) => Describe(exception).Status;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var (status, title, field) = Describe(exception);
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
                Title = title,
                Detail = exception.Message,
                Type = $"https://tsunagu.dev/problems/{exception.GetType().Name}",
            },
        };
        if (field is not null)
        {
            context.ProblemDetails.Extensions["field"] = field;
        }

        // The designer draws each reason on the element it names.
        if (exception is BpmnDeploymentException { Errors.Count: > 0 } refused)
        {
            context.ProblemDetails.Extensions["errors"] = refused.Errors.Select(e => new ProcessProblem(e.ElementId, e.Code, e.Message)).ToList();
        }

        return await problems.TryWriteAsync(context);
    }

    private static (int Status, string Title, string? Field) Describe(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, "The request is not valid.", null),
        ModelParseException => (StatusCodes.Status400BadRequest, "The document is not a readable model.", null),
        DmnException => (StatusCodes.Status400BadRequest, "The decision cannot be evaluated with this input.", null),
        BpmnDeploymentException => (StatusCodes.Status422UnprocessableEntity, "The process model was refused.", null),
        EngineNotFoundException => (StatusCodes.Status404NotFound, "Not found.", null),
        EngineStateException => (StatusCodes.Status409Conflict, "Not allowed in the current state.", null),
        ConcurrencyConflictException => (StatusCodes.Status409Conflict, "Changed by someone else at the same time; try again.", null),
        EngineLimitExceededException => (StatusCodes.Status422UnprocessableEntity, "Over a limit of the process engine.", null),
        RoutingValidationException routing => (StatusCodes.Status400BadRequest, "The consultation input is not valid.", routing.Field),
        PackException pack => (StatusCodes.Status422UnprocessableEntity, "The model was refused.", pack.Field),
        TaskFormException form => (StatusCodes.Status400BadRequest, "The form has invalid values.", form.Field),
        CaseInputException input => (StatusCodes.Status400BadRequest, "The request is not valid.", input.Field),
        CaseNotFoundException => (StatusCodes.Status404NotFound, "Not found.", null),
        CaseRuleException rule => (StatusCodes.Status422UnprocessableEntity, "Refused by a rule of the case.", rule.Field),
        StaleVersionException stale => stale.Missing
            ? (StatusCodes.Status428PreconditionRequired, "If-Match is required.", "If-Match")
            : (StatusCodes.Status412PreconditionFailed, "The version is no longer current.", "If-Match"),
        AcknowledgementRequiredException => (StatusCodes.Status403Forbidden, "Acknowledge the meeting's secrecy duty (守秘義務) first.", null),
        _ => (StatusCodes.Status500InternalServerError, "", null),
    };
}
