using System.Globalization;
using Tsunagu.Cases;
using Tsunagu.Cases.Indicators;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>The indicators a city reports, counted in SQL, as JSON or CSV (UTF-8 with BOM), small cells suppressed for publication.</summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/indicators/report", ReportAsync).WithName("IndicatorReport")
            .WithSummary("Indicators for the days from..to (yyyy-MM-dd, Japan); publication=true suppresses counts below 3; format=csv for Excel")
            .Produces<IndicatorReport>().Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .RequireAuthorization(Policies.Supervision).Audited("indicators.report", "事業実績の集計・公表");
    }

    private static async Task<IResult> ReportAsync(string? from, string? to, bool? publication, string? format, ReportService reports, CancellationToken cancellationToken)
    {
        var csv = format switch
        {
            null or "json" => false,
            "csv" => true,
            _ => throw new CaseInputException("format", "json or csv."),
        };
        var report = await reports.ReportAsync(Day(from, "from"), Day(to, "to"), publication ?? false, cancellationToken);
        return csv ? Results.File(ReportService.Csv(report), "text/csv; charset=utf-8", $"indicators-{from}-{to}.csv") : Results.Ok(report);
    }

    private static DateOnly Day(string? value, string field) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CaseInputException(field, "A date as yyyy-MM-dd.");
}
