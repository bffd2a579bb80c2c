using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>
/// Range functions (DMN 1.5 §10.3.4.9, Allen's interval algebra). A point argument is the closed range [p..p]:
/// with that, each range/range formula of the spec reduces exactly to its point forms, so one formula per function suffices.
/// Unbounded endpoints compare as -∞ (start) and +∞ (end).
/// </summary>
internal static partial class BuiltinLibrary
{
    [Flags]
    private enum Forms
    {
        PointPoint = 1,
        PointRange = 2,
        RangePoint = 4,
        RangeRange = 8,
    }

    static partial void RegisterRange(Registry table)
    {
        DefineRange(table, "before", Forms.PointPoint | Forms.PointRange | Forms.RangePoint | Forms.RangeRange, Before);
        DefineRange(table, "after", Forms.PointPoint | Forms.PointRange | Forms.RangePoint | Forms.RangeRange, (a, b, k) => Before(b, a, k));
        DefineRange(table, "meets", Forms.RangeRange, (a, b, k) => a.EndIncluded && b.StartIncluded && k.EndStart(a, b) == 0);
        DefineRange(table, "met by", Forms.RangeRange, (a, b, k) => b.EndIncluded && a.StartIncluded && k.EndStart(b, a) == 0);
        DefineRange(table, "overlaps", Forms.RangeRange, Overlaps);
        DefineRange(table, "overlaps before", Forms.RangeRange, OverlapsBefore);
        DefineRange(table, "overlaps after", Forms.RangeRange, (a, b, k) => OverlapsBefore(b, a, k));
        DefineRange(table, "finishes", Forms.PointRange | Forms.RangeRange, Finishes);
        DefineRange(table, "finished by", Forms.RangePoint | Forms.RangeRange, (a, b, k) => Finishes(b, a, k));
        DefineRange(table, "includes", Forms.RangePoint | Forms.RangeRange, Includes);
        DefineRange(table, "during", Forms.PointRange | Forms.RangeRange, (a, b, k) => Includes(b, a, k));
        DefineRange(table, "starts", Forms.PointRange | Forms.RangeRange, Starts);
        DefineRange(table, "started by", Forms.RangePoint | Forms.RangeRange, (a, b, k) => Starts(b, a, k));
        DefineRange(table, "coincides", Forms.PointPoint | Forms.RangeRange, (a, b, k) =>
            k.StartStart(a, b) == 0 && a.StartIncluded == b.StartIncluded && k.EndEnd(a, b) == 0 && a.EndIncluded == b.EndIncluded);
    }

    /// <summary>One signature per form, named as in the spec (point1/point2, point/range, range/point, range1/range2); all share one body.</summary>
    private static void DefineRange(Registry table, string name, Forms forms, Func<Interval, Interval, EndpointComparer, bool> relation)
    {
        (Forms Form, string[] Parameters)[] signatures =
        [
            (Forms.PointPoint, ["point1", "point2"]),
            (Forms.PointRange, ["point", "range"]),
            (Forms.RangePoint, ["range", "point"]),
            (Forms.RangeRange, ["range1", "range2"]),
        ];
        foreach (var (form, parameters) in signatures.Where(s => forms.HasFlag(s.Form)))
        {
            table.Define(name, parameters, call => Relate(call, forms, relation));
        }
    }

    private static object? Relate(BuiltinCall call, Forms forms, Func<Interval, Interval, EndpointComparer, bool> relation)
    {
        if (call[0] is null || call[1] is null)
        {
            return call.Fail("arguments must not be null.");
        }

        var form = (call[0], call[1]) switch
        {
            (FeelRange, FeelRange) => Forms.RangeRange,
            (FeelRange, _) => Forms.RangePoint,
            (_, FeelRange) => Forms.PointRange,
            _ => Forms.PointPoint,
        };
        if (!forms.HasFlag(form))
        {
            return call.Fail($"not defined for ({FeelSemantics.TypeName(call[0])}, {FeelSemantics.TypeName(call[1])}).");
        }

        var comparer = new EndpointComparer();
        var result = relation(Interval.Of(call[0]), Interval.Of(call[1]), comparer);
        return comparer.Failed ? call.Fail("the endpoints cannot be compared.") : FeelSemantics.Box(result);
    }

    private static bool Before(Interval a, Interval b, EndpointComparer k)
    {
        var order = k.EndStart(a, b);
        return order < 0 || (order == 0 && (!a.EndIncluded || !b.StartIncluded));
    }

    private static bool Overlaps(Interval a, Interval b, EndpointComparer k)
    {
        var endStart = k.EndStart(a, b);
        var startEnd = k.EndStart(b, a);
        return (endStart > 0 || (endStart == 0 && a.EndIncluded && b.StartIncluded))
            && (startEnd > 0 || (startEnd == 0 && b.EndIncluded && a.StartIncluded));
    }

    private static bool OverlapsBefore(Interval a, Interval b, EndpointComparer k)
    {
        var starts = k.StartStart(a, b);
        var endStart = k.EndStart(a, b);
        var ends = k.EndEnd(a, b);
        return (starts < 0 || (starts == 0 && a.StartIncluded && !b.StartIncluded))
            && (endStart > 0 || (endStart == 0 && a.EndIncluded && b.StartIncluded))
            && (ends < 0 || (ends == 0 && (!a.EndIncluded || b.EndIncluded)));
    }

    private static bool Finishes(Interval a, Interval b, EndpointComparer k)
    {
        var starts = k.StartStart(a, b);
        return a.EndIncluded == b.EndIncluded && k.EndEnd(a, b) == 0
            && (starts > 0 || (starts == 0 && (!a.StartIncluded || b.StartIncluded)));
    }

    private static bool Includes(Interval a, Interval b, EndpointComparer k)
    {
        var starts = k.StartStart(a, b);
        var ends = k.EndEnd(a, b);
        return (starts < 0 || (starts == 0 && (a.StartIncluded || !b.StartIncluded)))
            && (ends > 0 || (ends == 0 && (a.EndIncluded || !b.EndIncluded)));
    }

    private static bool Starts(Interval a, Interval b, EndpointComparer k)
    {
        var ends = k.EndEnd(a, b);
        return k.StartStart(a, b) == 0 && a.StartIncluded == b.StartIncluded
            && (ends < 0 || (ends == 0 && (!a.EndIncluded || b.EndIncluded)));
    }

    private readonly record struct Interval(object? Start, bool StartIncluded, bool StartUnbounded, object? End, bool EndIncluded, bool EndUnbounded)
    {
        public static Interval Of(object? value) => value is FeelRange r
            ? new(r.Start, r.StartIncluded, r.StartUnbounded, r.End, r.EndIncluded, r.EndUnbounded)
            : new(value, true, false, value, true, false);
    }

    /// <summary>Compares endpoints, remembering whether any pair was not comparable (the relation is then null).</summary>
    private sealed class EndpointComparer
    {
        public bool Failed { get; private set; }

        public int StartStart(Interval a, Interval b) => Compare(a.Start, a.StartUnbounded ? -1 : 0, b.Start, b.StartUnbounded ? -1 : 0);

        public int EndEnd(Interval a, Interval b) => Compare(a.End, a.EndUnbounded ? 1 : 0, b.End, b.EndUnbounded ? 1 : 0);

        /// <summary>The end of <paramref name="a"/> against the start of <paramref name="b"/>.</summary>
        public int EndStart(Interval a, Interval b) => Compare(a.End, a.EndUnbounded ? 1 : 0, b.Start, b.StartUnbounded ? -1 : 0);

        /// <summary><paramref name="leftInfinity"/>/<paramref name="rightInfinity"/>: -1 for -∞, +1 for +∞, 0 for a bounded value.</summary>
        private int Compare(object? left, int leftInfinity, object? right, int rightInfinity)
        {
            if (leftInfinity != 0 || rightInfinity != 0)
            {
                return leftInfinity.CompareTo(rightInfinity);
            }

            if (FeelSemantics.Compare(left, right) is { } order)
            {
                return order;
            }

            Failed = true;
            return 0;
        }
    }
}
