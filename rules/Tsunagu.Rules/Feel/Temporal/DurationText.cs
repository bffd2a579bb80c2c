namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>
/// xsd:duration lexical form "-?PnYnMnDTnHnMn.nS" into FEEL's two duration kinds.
/// Years/months and days/time cannot be mixed: FEEL has no value for "P1Y2D".
/// </summary>
internal static class DurationText
{
    private const string DateDesignators = "YMD";
    private const string TimeDesignators = "HMS";

    public static object? Parse(ReadOnlySpan<char> text)
    {
        var negative = text.StartsWith("-");
        var body = negative ? text[1..] : text;
        if (!body.StartsWith("P"))
        {
            return null;
        }

        body = body[1..];
        var t = body.IndexOf('T');
        var datePart = t < 0 ? body : body[..t];
        var timePart = t < 0 ? [] : body[(t + 1)..];
        Span<long> date = stackalloc long[3];
        Span<long> time = stackalloc long[3];
        if ((t >= 0 && timePart.IsEmpty) || (datePart.IsEmpty && t < 0)
            || !TryComponents(datePart, DateDesignators, date, out _, out var dateSeen)
            || !TryComponents(timePart, TimeDesignators, time, out var nanos, out var timeSeen))
        {
            return null;
        }

        var yearMonth = (dateSeen & 0b011) != 0;
        var dayTime = (dateSeen & 0b100) != 0 || timeSeen != 0;
        if (yearMonth && dayTime)
        {
            return null;
        }

        if (yearMonth)
        {
            var months = (Int128)date[0] * 12 + date[1];
            return months > long.MaxValue ? null : new YearsMonthsDuration((long)(negative ? -months : months));
        }

        var total = ((((((Int128)date[2] * 24) + time[0]) * 60) + time[1]) * 60 + time[2]) * CalendarMath.NanosPerSecond + nanos;
        return new DaysTimeDuration(negative ? -total : total);
    }

    /// <summary>Reads "nX" components in designator order; only the last (seconds) may carry a fraction.</summary>
    private static bool TryComponents(ReadOnlySpan<char> text, string designators, Span<long> values, out long nanos, out int seen)
    {
        nanos = 0;
        seen = 0;
        var next = 0;
        while (!text.IsEmpty)
        {
            var end = 0;
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
            {
                end++;
            }

            if (end == 0 || end == text.Length)
            {
                return false;
            }

            var slot = designators.IndexOf(text[end], next);
            if (slot < 0 || !TryNumber(text[..end], allowFraction: slot == 2 && designators == TimeDesignators, out values[slot], out var fraction))
            {
                return false;
            }

            nanos = fraction;
            seen |= 1 << slot;
            next = slot + 1;
            text = text[(end + 1)..];
        }

        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, bool allowFraction, out long whole, out long nanos)
    {
        nanos = 0;
        var dot = text.IndexOf('.');
        if (dot < 0)
        {
            return TemporalText.TryDigits(text, out whole);
        }

        var fraction = text[(dot + 1)..];
        var kept = fraction[..Math.Min(fraction.Length, 9)];
        if (!allowFraction || !TemporalText.TryDigits(text[..dot], out whole)
            || (!fraction.IsEmpty && !TemporalText.TryDigits(kept, out nanos)) || fraction[kept.Length..].ContainsAnyExceptInRange('0', '9'))
        {
            whole = 0;
            return false;
        }

        for (var i = kept.Length; i < 9; i++)
        {
            nanos *= 10;
        }

        return true;
    }
}
