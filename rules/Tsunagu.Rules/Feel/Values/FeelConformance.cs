namespace Tsunagu.Rules.Feel.Values;

/// <summary>Type conformance with FEEL's implicit conversions (DMN 1.5 §10.3.2.9.4): singleton lists and their items.</summary>
public static class FeelConformance
{
    /// <summary>True when <paramref name="value"/> conforms to <paramref name="type"/> (null conforms to every type), giving the converted value.</summary>
    public static bool TryConform(object? value, FeelType? type, out object? result)
    {
        result = value;
        if (type is null || value is null || type.IsInstance(value))
        {
            return true;
        }

        if (type.ItemType is { } item && value is not FeelList && item.IsInstance(value))
        {
            result = new FeelList([value]);
            return true;
        }

        if (value is FeelList { Count: 1 } single && type.ItemType is null && (single[0] is null || type.IsInstance(single[0])))
        {
            result = single[0];
            return true;
        }

        result = null;
        return false;
    }
}
