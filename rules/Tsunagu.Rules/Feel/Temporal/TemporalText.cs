using System.Globalization;
using System.Text;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>XML Schema / ISO 8601 lexical forms of dates, times and date-times (DMN 1.5 §10.3.4.1), strictly checked.</summary>
internal static class TemporalText
{
    /// <summary>Appends ".123" style fractional seconds without trailing zeros; nothing for a whole second.</summary>
    public static void AppendFraction(StringBuilder builder, int nanoseconds)
    {
        if (nanoseconds != 0)
        {
            builder.Append('.').Append(nanoseconds.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
    }

    /// <summary>"-?YYYY-MM-DD" with 4–9 year digits (no leading zero beyond four).</summary>
    public static FeelDate? ParseDate(ReadOnlySpan<char> text)
    {
        var negative = text.StartsWith("-");
        var body = negative ? text[1..] : text;
        var dash = body.IndexOf('-');
        if (dash is < 4 or > 9 || (dash > 4 && body[0] == '0') || body.Length != dash + 6 || body[dash + 3] != '-'
            || !TryDigits(body[..dash], out var year)
            || !TryDigits(body.Slice(dash + 1, 2), out var month)
            || !TryDigits(body.Slice(dash + 4, 2), out var day))
        {
            return null;
        }

        return FeelDate.Create(negative ? -year : year, (int)month, (int)day);
    }

    /// <summary>"hh:mm:ss(.f+)?" then "Z", "±hh:mm" or "@Region/City"; 24:00:00 is accepted as the end of the day.</summary>
    public static FeelTime? ParseTime(ReadOnlySpan<char> text) =>
        TryParseTime(text, out var nanoOfDay, out var zone) ? FeelTime.Create(nanoOfDay % CalendarMath.NanosPerDay, zone) : null;

    /// <summary>"date'T'time"; a bare date is midnight local time.</summary>
    public static FeelDateTime? ParseDateTime(ReadOnlySpan<char> text)
    {
        var t = text.IndexOf('T');
        if (t < 0)
        {
            return ParseDate(text) is { } day ? FeelDateTime.AtMidnight(day, null) : null;
        }

        if (ParseDate(text[..t]) is not { } date || !TryParseTime(text[(t + 1)..], out var nanoOfDay, out var zone))
        {
            return null;
        }

        var local = ((Int128)date.DayNumber * CalendarMath.NanosPerDay) + nanoOfDay;
        return FeelDateTime.FromLocalNanoseconds(local, zone);
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, out long nanoOfDay, out FeelTimeZone? zone)
    {
        nanoOfDay = 0;
        zone = null;
        if (text.Length < 8 || text[2] != ':' || text[5] != ':'
            || !TryDigits(text[..2], out var hour) || !TryDigits(text.Slice(3, 2), out var minute) || !TryDigits(text.Slice(6, 2), out var second))
        {
            return false;
        }

        var rest = text[8..];
        long fraction = 0;
        if (rest.StartsWith("."))
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            // Digits beyond nanoseconds are dropped: the value model stops at 10⁻⁹ s.
            var kept = rest[1..Math.Min(digits, 10)];
            if (digits == 1 || !TryDigits(kept, out fraction))
            {
                return false;
            }

            fraction *= (long)Math.Pow(10, 9 - kept.Length);
            rest = rest[digits..];
        }

        var endOfDay = hour == 24 && minute == 0 && second == 0 && fraction == 0;
        if ((hour > 23 && !endOfDay) || minute > 59 || second > 59 || !TryParseZone(rest, out zone))
        {
            return false;
        }

        nanoOfDay = ((((hour * 60) + minute) * 60) + second) * CalendarMath.NanosPerSecond + fraction;
        return true;
    }

    private static bool TryParseZone(ReadOnlySpan<char> text, out FeelTimeZone? zone)
    {
        zone = null;
        if (text.IsEmpty)
        {
            return true;
        }

        if (text is "Z")
        {
            zone = FeelTimeZone.Utc;
        }
        else if (text[0] == '@')
        {
            zone = text.Length > 1 ? FeelTimeZone.FromId(text[1..].ToString()) : null;
        }
        else if (text.Length == 6 && (text[0] is '+' or '-') && text[3] == ':'
            && TryDigits(text.Slice(1, 2), out var hours) && TryDigits(text.Slice(4, 2), out var minutes) && minutes < 60)
        {
            var seconds = (int)((hours * 3600) + (minutes * 60));
            zone = FeelTimeZone.FromOffset(text[0] == '-' ? -seconds : seconds);
        }

        return zone is not null;
    }

    /// <summary>Only ASCII digits, at most 18 of them (fits a long).</summary>
    internal static bool TryDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
