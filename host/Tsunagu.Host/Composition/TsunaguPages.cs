using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;
using Tsunagu.Host.Pages;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Composition;

/// <summary>The pages (Razor Pages, ADR 0015) and the bundled scripts and styles they load from <c>/assets</c>.</summary>
public static class TsunaguPages
{
    /// <summary>Where the build puts the bundle (<c>ClientApp</c>, see the project file).</summary>
    public static string AssetsFolder => Path.Combine(AppContext.BaseDirectory, "assets");

    public static IServiceCollection AddTsunaguPages(this IServiceCollection services)
    {
        // The pages live in this assembly, which is not the entry assembly when a test host starts the app.
        services.AddRazorPages().AddMvcOptions(options => options.Filters.Add<PageErrors>()).AddApplicationPart(typeof(TsunaguPages).Assembly);
        // Japanese text is written as it is, not as character references.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    /// <summary>Serves the bundle to everyone (the sign-in page needs it) and answers page errors with a page, the API's with problem details.</summary>
    public static void UseTsunaguAssets(this WebApplication app)
    {
        app.UseWhen(
            context => PageSignIn.IsPageRequest(context.Request),
            pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Directory.Exists(AssetsFolder) ? new PhysicalFileProvider(AssetsFolder) : new NullFileProvider(),
            RequestPath = "/assets",
        });
    }

    public static void MapTsunaguPages(this WebApplication app) => app.MapRazorPages();
}
