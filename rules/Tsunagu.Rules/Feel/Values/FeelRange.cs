namespace Tsunagu.Rules.Feel.Values;

/// <summary>A FEEL range (interval). A null endpoint with <c>Unbounded</c> set means "no bound" (e.g. the range of <c>&lt; 10</c>).</summary>
public sealed record FeelRange(object? Start, bool StartIncluded, bool StartUnbounded, object? End, bool EndIncluded, bool EndUnbounded)
{
    /// <summary>True/false for a comparable point, null when the point cannot be compared with the endpoints.</summary>
    public bool? Contains(object? point)
    {
        if (!StartUnbounded)
        {
            var c = FeelSemantics.Compare(point, Start);
            if (c is null)
            {
                return null;
            }

            if (c < 0 || (c == 0 && !StartIncluded))
            {
                return false;
            }
        }

        if (!EndUnbounded)
        {
            var c = FeelSemantics.Compare(point, End);
            if (c is null)
            {
                return null;
            }

            if (c > 0 || (c == 0 && !EndIncluded))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => FeelSemantics.ToFeelString(this);
}
