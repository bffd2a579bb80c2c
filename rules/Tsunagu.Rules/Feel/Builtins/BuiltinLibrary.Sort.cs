using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>sort(list, precedes) (DMN 1.5 §10.3.4.4); without precedes the list is sorted in FEEL's natural order.</summary>
internal static partial class BuiltinLibrary
{
    static partial void RegisterSort(Registry table) =>
        table.Define("sort", ["list", "precedes"], Sort, required: 1);

    private static object? Sort(BuiltinCall call)
    {
        if (!call.List(0, "list", out var list))
        {
            return null;
        }

        Func<object?, object?, bool?> precedes;
        if (call[1] is null)
        {
            precedes = (a, b) => FeelSemantics.Compare(a, b) is { } order ? order < 0 : null;
        }
        else if (call.Get(1, "precedes", out FeelFunction function))
        {
            var context = call.Context;
            precedes = (a, b) => function.Invoke([a, b], context) as bool?;
        }
        else
        {
            return null;
        }

        var items = list.Items.ToArray();
        return MergeSort(items, precedes)
            ? new FeelList(items)
            : call.Fail("the items cannot be ordered ('precedes' must return true or false for every pair).");
    }

    /// <summary>
    /// Bottom-up merge sort: stable, and robust against a precedes that is not a strict order (List.Sort would not be).
    /// An item moves ahead of an earlier one only when precedes(later, earlier) is true. False when precedes gave no boolean.
    /// </summary>
    private static bool MergeSort(object?[] items, Func<object?, object?, bool?> precedes)
    {
        var buffer = new object?[items.Length];
        for (var width = 1; width < items.Length; width *= 2)
        {
            for (var low = 0; low < items.Length; low += 2 * width)
            {
                int middle = Math.Min(low + width, items.Length), high = Math.Min(low + (2 * width), items.Length);
                int left = low, right = middle, to = low;
                while (left < middle && right < high)
                {
                    if (precedes(items[right], items[left]) is not { } later)
                    {
                        return false;
                    }

                    buffer[to++] = later ? items[right++] : items[left++];
                }

                Array.Copy(items, left, buffer, to, middle - left);
                Array.Copy(items, right, buffer, to + middle - left, high - right);
            }

            Array.Copy(buffer, items, items.Length);
        }

        return true;
    }
}
