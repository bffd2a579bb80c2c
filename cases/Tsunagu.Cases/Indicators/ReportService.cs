using System.Globalization;
using System.Text;

namespace Tsunagu.Cases.Indicators;

/// <summary>A report cell: its count, or none when suppressed (a small cell in a report for publication).</summary>
public sealed record ReportCell(string Indicator, string Key, int? Count, bool Suppressed);

/// <summary>The indicators of a period, as a 推進委員会 report reads them.</summary>
public sealed record IndicatorReport(DateOnly From, DateOnly To, bool ForPublication, IReadOnlyList<ReportCell> Cells);

/// <summary>
/// Indicator reports counted in SQL from the register, plans, meetings and notes. A report for publication suppresses
/// every count from 1 to <see cref="SmallCell"/> - 1, so no small group can be traced back to a person.
/// </summary>
public sealed class ReportService(ICaseRegister register)
{
    public const int SmallCell = 3;
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    /// <summary>The report for the days <paramref name="from"/> to <paramref name="to"/> inclusive (Japan time).</summary>
    public async Task<IndicatorReport> ReportAsync(DateOnly from, DateOnly to, bool forPublication, CancellationToken cancellationToken)
    {
        if (to < from || to.DayNumber - from.DayNumber > 366 * 5)
        {
            throw new CaseInputException("to", "A period from 'from' to 'to' of at most five years.");
        }

        var counts = await register.CountAsync(Start(from), Start(to.AddDays(1)), cancellationToken);
        return new IndicatorReport(from, to, forPublication, [.. counts.Select(c => forPublication && c.Count is > 0 and < SmallCell
            ? new ReportCell(c.Indicator, c.Key, null, true)
            : new ReportCell(c.Indicator, c.Key, c.Count, false))]);
    }

    /// <summary>The report as CSV in UTF-8 with a byte order mark, so Excel opens the Japanese as written.</summary>
    public static byte[] Csv(IndicatorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder("indicator,key,count\r\n");
        foreach (var cell in report.Cells)
        {
            text.Append(Field(cell.Indicator)).Append(',').Append(Field(cell.Key)).Append(',')
                .Append(cell.Suppressed ? $"<{SmallCell}" : cell.Count?.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Japan);

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break; a leading formula character is neutralised.</summary>
    private static string Field(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
