using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tsunagu.Cases.Casework;
using Tsunagu.Host.Composition;
using Tsunagu.Host.Endpoints;
using Tsunagu.Host.Errors;
using Tsunagu.Host.Security;

namespace Tsunagu.Host;

/// <summary>Builds the web application; Program.cs and the tests share this. Building does no I/O: the hosted services do it at start.</summary>
public static class TsunaguApp
{
    public static WebApplication Build(string[] args, string? urls = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClientErrorHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.CaseData, p => p.RequireRole(StaffRoles.Caseworker, StaffRoles.Supervisor, StaffRoles.Admin))
            .AddPolicy(Policies.Supervision, p => p.RequireRole(StaffRoles.Supervisor, StaffRoles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(StaffRoles.Admin));
        builder.Services.AddTsunagu();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RefuseOversizeBodies);
        app.Use(RefuseUntilStoreReady);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteHealthAsync })
            .AllowAnonymous();
        app.MapRoutingEndpoints();
        app.MapCaseEndpoints();
        app.MapAdminEndpoints();
        return app;
    }

    /// <summary>Kestrel enforces the limit too; this also covers other servers and declared lengths up front.</summary>
    private static Task RefuseOversizeBodies(HttpContext context, RequestDelegate next)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<TsunaguSettings>>().Value.MaxRequestBytes;
        return context.Request.ContentLength > limit
            ? throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge)
            : next(context);
    }

    /// <summary>While the store cannot be used, the API answers 503 with the reason instead of failing request by request.</summary>
    private static Task RefuseUntilStoreReady(HttpContext context, RequestDelegate next)
    {
        var readiness = context.RequestServices.GetRequiredService<Readiness>();
        if (readiness.StoreFault is not { } fault || !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            return next(context);
        }

        context.Response.Headers.RetryAfter = "30";
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Tsunagu is not ready.", detail: fault).ExecuteAsync(context);
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
