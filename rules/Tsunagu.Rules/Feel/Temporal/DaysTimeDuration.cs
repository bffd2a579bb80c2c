using System.Globalization;
using System.Text;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>A FEEL days and time duration, held as signed total nanoseconds.</summary>
public sealed class DaysTimeDuration : IEquatable<DaysTimeDuration>
{
    public static readonly DaysTimeDuration Zero = new(0);

    private const long NanosPerMinute = 60 * CalendarMath.NanosPerSecond;
    private const long NanosPerHour = 60 * NanosPerMinute;

    public DaysTimeDuration(Int128 totalNanoseconds) => TotalNanoseconds = totalNanoseconds;

    public Int128 TotalNanoseconds { get; }

    /// <summary>Whole days, with the sign of the duration.</summary>
    public long Days => (long)(TotalNanoseconds / CalendarMath.NanosPerDay);

    /// <summary>Hours beyond whole days (−23…23).</summary>
    public int Hours => (int)(TotalNanoseconds / NanosPerHour % 24);

    /// <summary>Minutes beyond whole hours (−59…59).</summary>
    public int Minutes => (int)(TotalNanoseconds / NanosPerMinute % 60);

    /// <summary>Whole seconds beyond whole minutes (−59…59).</summary>
    public int Seconds => (int)(TotalNanoseconds / CalendarMath.NanosPerSecond % 60);

    /// <summary>Fraction of the second in nanoseconds, with the sign of the duration.</summary>
    public int Nanoseconds => (int)(TotalNanoseconds % CalendarMath.NanosPerSecond);

    public static DaysTimeDuration FromSeconds(long seconds) => new((Int128)seconds * CalendarMath.NanosPerSecond);

    public DaysTimeDuration Negate() => new(-TotalNanoseconds);

    public DaysTimeDuration Abs() => TotalNanoseconds < 0 ? Negate() : this;

    public bool Equals(DaysTimeDuration? other) => other is not null && TotalNanoseconds == other.TotalNanoseconds;

    public override bool Equals(object? obj) => Equals(obj as DaysTimeDuration);

    public override int GetHashCode() => TotalNanoseconds.GetHashCode();

    /// <summary>"P1DT2H3M4.5S", "-PT1H", "P10D"; zero is "PT0S".</summary>
    public override string ToString()
    {
        if (TotalNanoseconds == 0)
        {
            return "PT0S";
        }

        var abs = Abs();
        var builder = new StringBuilder(TotalNanoseconds < 0 ? "-P" : "P");
        if (abs.Days != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{abs.Days}D");
        }

        if (abs.Hours == 0 && abs.Minutes == 0 && abs.Seconds == 0 && abs.Nanoseconds == 0)
        {
            return builder.ToString();
        }

        builder.Append('T');
        if (abs.Hours != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{abs.Hours}H");
        }

        if (abs.Minutes != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{abs.Minutes}M");
        }

        if (abs.Seconds != 0 || abs.Nanoseconds != 0)
        {
            builder.Append(abs.Seconds.ToString(CultureInfo.InvariantCulture));
            TemporalText.AppendFraction(builder, abs.Nanoseconds);
            builder.Append('S');
        }

        return builder.ToString();
    }
}
