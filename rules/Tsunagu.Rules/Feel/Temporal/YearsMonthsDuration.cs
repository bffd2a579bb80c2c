using System.Globalization;
using System.Text;

namespace Tsunagu.Rules.Feel.Temporal;

/// <summary>A FEEL years and months duration, held as a signed total of months.</summary>
public sealed class YearsMonthsDuration : IEquatable<YearsMonthsDuration>
{
    public static readonly YearsMonthsDuration Zero = new(0);

    public YearsMonthsDuration(long totalMonths) => TotalMonths = totalMonths;

    public long TotalMonths { get; }

    /// <summary>Whole years, with the sign of the duration.</summary>
    public long Years => TotalMonths / 12;

    /// <summary>Months beyond whole years, with the sign of the duration.</summary>
    public long Months => TotalMonths % 12;

    public YearsMonthsDuration Negate() => new(-TotalMonths);

    public YearsMonthsDuration Abs() => TotalMonths < 0 ? Negate() : this;

    public bool Equals(YearsMonthsDuration? other) => other is not null && TotalMonths == other.TotalMonths;

    public override bool Equals(object? obj) => Equals(obj as YearsMonthsDuration);

    public override int GetHashCode() => TotalMonths.GetHashCode();

    /// <summary>"P1Y2M", "P1Y", "-P3M"; zero is "P0M".</summary>
    public override string ToString()
    {
        if (TotalMonths == 0)
        {
            return "P0M";
        }

        var builder = new StringBuilder(TotalMonths < 0 ? "-P" : "P");
        if (Years != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{Math.Abs(Years)}Y");
        }

        if (Months != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{Math.Abs(Months)}M");
        }

        return builder.ToString();
    }
}
