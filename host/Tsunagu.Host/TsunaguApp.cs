using Tsunagu.Cases.Casework;
using Tsunagu.Host.Composition;
using Tsunagu.Host.Endpoints;
using Tsunagu.Host.Errors;
using Tsunagu.Host.Security;

namespace Tsunagu.Host;

/// <summary>Builds the web application; Program.cs and the tests share this.</summary>
public static class TsunaguApp
{
    public static async Task<WebApplication> BuildAsync(string[] args, string? urls = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        var settings = builder.Configuration.GetSection("Tsunagu").Get<TsunaguSettings>() ?? new TsunaguSettings();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.MaxRequestBytes);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClientErrorHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
            .AddScheme<BasicAuthenticationOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, o => o.DemoPassword = settings.DemoPassword);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.CaseData, p => p.RequireRole(StaffRoles.Caseworker, StaffRoles.Supervisor, StaffRoles.Admin))
            .AddPolicy(Policies.Supervision, p => p.RequireRole(StaffRoles.Supervisor, StaffRoles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(StaffRoles.Admin));
        await builder.Services.AddTsunaguAsync(settings, cancellationToken);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Kestrel enforces the limit too; this also covers other servers and declared lengths up front.
        app.Use((context, next) => context.Request.ContentLength > settings.MaxRequestBytes
            ? throw new BadHttpRequestException($"The request body is larger than {settings.MaxRequestBytes} bytes.", StatusCodes.Status413PayloadTooLarge)
            : next(context));
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/health", (Engine.Scheduling.InProcessJobScheduler scheduler) =>
                Results.Ok(new { status = "ok", scheduler = new { faults = scheduler.Faults } }))
            .WithName("Health")
            .AllowAnonymous();
        app.MapRoutingEndpoints();
        app.MapCaseEndpoints();
        app.MapAdminEndpoints();
        await app.Services.StartTsunaguAsync(cancellationToken);
        return app;
    }
}
