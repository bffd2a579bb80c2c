namespace Tsunagu.Host;

/// <summary>Builds the web application; Program.cs and the tests share this.</summary>
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
        builder.Services.AddOpenApi();
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).WithName("Health");
        return app;
    }
}
