namespace Tsunagu.Rules.Feel.Values;

/// <summary>
/// How <see cref="FeelNumber.Round(int, FeelRounding)"/> discards digits. Unlike <see cref="MidpointRounding"/>
/// it can express "half down" and "up" (away from zero), which FEEL's round functions need.
/// </summary>
public enum FeelRounding
{
    /// <summary>Nearest; ties to the even neighbour (banker's rounding, the decimal128 default).</summary>
    HalfEven,

    /// <summary>Nearest; ties away from zero.</summary>
    HalfUp,

    /// <summary>Nearest; ties toward zero.</summary>
    HalfDown,

    /// <summary>Away from zero.</summary>
    Up,

    /// <summary>Toward zero (truncation).</summary>
    Down,

    /// <summary>Toward positive infinity.</summary>
    Ceiling,

    /// <summary>Toward negative infinity.</summary>
    Floor,
}
