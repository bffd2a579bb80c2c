using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Tsunagu.Engine.Validation;

/// <summary>ISO 8601 timer values: dates, durations and repeating intervals (see <see cref="Execution.TimerCycle"/>).</summary>
internal static partial class IsoTime
{
    public static bool IsDate(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) && DateLike().IsMatch(text);

    public static bool IsDuration(string text)
    {
        if (!Duration().IsMatch(text))
        {
            return false;
        }

        try
        {
            XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return WeekDuration().IsMatch(text);
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>R[n]/duration, R[n]/start/duration, R[n]/duration/end or R[n]/start/end, as the runtime reads them.</summary>
    public static bool IsCycle(string text) => Execution.TimerCycle.TryParse(text, out _);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex DateLike();

    [GeneratedRegex(@"^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^P\d+W$")]
    private static partial Regex WeekDuration();
}
