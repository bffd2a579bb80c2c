using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tsunagu.Cases.Casework;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Pages;

/// <summary>事業実績: the indicators for a period as charts and a table, and the same numbers as CSV (UTF-8 with BOM, for Excel).</summary>
[Authorize(Policy = Policies.Supervision)]
[AuditedPage("indicators.read", "事業実績の集計")]
public sealed class IndicatorsModel(IndicatorService indicators, TimeProvider time) : TsunaguPage
{
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public CaseIndicators Result { get; private set; } = null!;

    /// <summary>The rows of the table and the CSV: 区分, 項目, 件数.</summary>
    public IReadOnlyList<(string Group, string Item, int Count)> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var csv = new StringBuilder("区分,項目,件数\r\n");
        foreach (var (group, item, count) in Rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Field(group)},{Field(item)},{count}\r\n");
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"indicators-{From:yyyyMMdd}-{To:yyyyMMdd}.csv");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Default: the fiscal year so far (April to March), in Japan's calendar.
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Japan).DateTime);
        From ??= new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        To ??= today;
        var start = new DateTimeOffset(From.Value.ToDateTime(TimeOnly.MinValue), Japan);
        var end = new DateTimeOffset(To.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), Japan);
        Result = await indicators.ComputeAsync(start, end, cancellationToken);
        Rows =
        [
            .. Result.Intakes.Select(i => ("相談受付", $"{i.Month} {i.Window}", i.Count)),
            .. Result.ReferralsByInstitution.Select(r => ("紹介先", r.Key, r.Value)),
            .. Result.MeetingsByKind.Select(m => ("会議", m.Key, m.Value)),
            ("支援", "参加支援", Result.ParticipationCases),
            ("支援", "アウトリーチ", Result.OutreachCases),
            ("終結", "終結", Result.CasesClosed),
            ("終結", "中断", Result.CasesSuspended),
        ];
    }

    private static string Field(string text) => text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
