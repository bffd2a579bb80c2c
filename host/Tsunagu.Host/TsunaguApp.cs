using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
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

        var development = builder.Environment.IsDevelopment();
        builder.Host.UseServiceProviderFactory(new ShellServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = development, ValidateOnBuild = development }));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClientErrorHandler>();
        builder.Services.AddOpenApi();
        AddSignIn(builder);
        builder.Services.AddAuthorizationBuilder().AddTsunaguPolicies();
        AddRateLimits(builder.Services);
        builder.Services.AddTsunagu();
        builder.Services.AddTsunaguPages();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RefuseOversizeBodies);
        app.UseTsunaguAssets();
        app.UseRouting();
        app.UseAuthentication();
        app.UseTenantShells();
        app.Use(RefuseUntilStoreReady);
        app.UseMiddleware<AuditMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        var openApi = app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            openApi.AllowAnonymous();
        }
        else
        {
            openApi.RequireAuthorization(Policies.SignedIn);
        }

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteHealthAsync })
            .AllowAnonymous();
        app.MapAuthEndpoints();
        app.MapRoutingEndpoints();
        app.MapCaseEndpoints();
        app.MapMeetingEndpoints();
        app.MapCaseworkEndpoints();
        app.MapAdminEndpoints();
        app.MapRoutingAdminEndpoints();
        app.MapProcessDesignEndpoints();
        app.MapReroutingEndpoints();
        app.MapProcessEndpoints();
        app.MapTsunaguPages();
        app.MapTsunaguDashboard();
        return app;
    }

    /// <summary>
    /// API clients sign in for a bearer token (<c>POST /api/auth/token</c>); the pages sign in with a cookie on the same
    /// accounts (ADR 0015). Requests under <c>/api</c> or with an Authorization header authenticate with the bearer scheme
    /// only, so a page's cookie never opens the API. With <c>Tsunagu:Oidc:Authority</c> set, people sign in at the municipality's identity provider.
    /// </summary>
    private static void AddSignIn(WebApplicationBuilder builder)
    {
        var authentication = builder.Services.AddAuthentication(PageSignIn.Scheme)
            .AddPolicyScheme(PageSignIn.Scheme, "Bearer for the API, cookie for the pages", options => options.ForwardDefaultSelector = context =>
                PageSignIn.IsPageRequest(context.Request) ? CookieAuthenticationDefaults.AuthenticationScheme : BearerTokenDefaults.AuthenticationScheme)
            .AddBearerToken()
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme);
        builder.Services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .Configure<IOptions<TsunaguSettings>>((bearer, settings) => bearer.BearerTokenExpiration = settings.Value.TokenLifetime);
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<TsunaguSettings>>((cookie, settings) => PageSignIn.Configure(cookie, settings.Value.TokenLifetime));
        builder.Services.AddTransient<IClaimsTransformation, AccountClaims>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, SignedOutAccountResultHandler>();
        builder.Services.AddSingleton<OidcAccounts>();

        // Whether to register the provider at all is read now; its settings are used when it runs.
        var oidc = builder.Configuration.GetSection($"{TsunaguSettings.Section}:Oidc").Get<OidcSettings>() ?? new OidcSettings();
        if (oidc.Enabled)
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.ResponseType = "code";
                options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.Events.OnTokenValidated = context => OidcAccounts.OnTokenValidatedAsync(context, oidc);
            });
        }
    }

    /// <summary>Per-client limits on sign-in attempts and per-account limits on the API; past them 429 with Retry-After.</summary>
    private static void AddRateLimits(IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<TsunaguSettings>>((limits, settings) =>
        {
            var tokenLimit = settings.Value.TokenRequestsPerMinute;
            var apiLimit = settings.Value.ApiRequestsPerMinute;
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.AddPolicy(AuthEndpoints.TokenRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => PerMinute(tokenLimit)));
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.User.Identity?.IsAuthenticated == true ? $"account:{context.User.FindFirst(AccountClaims.TenantClaim)?.Value}:{context.User.Identity.Name}" : ClientAddress(context), _ => PerMinute(apiLimit))
                    : RateLimitPartition.GetNoLimiter(""));
            limits.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", detail: $"Try again in {seconds} seconds.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    private static string ClientAddress(HttpContext context) => "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");

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
        // Pages too: without the store a signed-in account cannot be checked (disabled?) nor given its roles.
        if (TenantShells.Of(context)?.Services.GetRequiredService<Readiness>().StoreFault is not { } fault || context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
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
