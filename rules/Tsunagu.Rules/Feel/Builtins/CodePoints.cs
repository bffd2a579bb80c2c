namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>FEEL counts string positions in Unicode code points, not UTF-16 units: a surrogate pair is one character.</summary>
internal static class CodePoints
{
    public static int Length(string text)
    {
        var length = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsSurrogatePair(text[i], text[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }

    /// <summary>The UTF-16 index of the code point at 0-based <paramref name="index"/>; the string length when past the end.</summary>
    public static int Offset(string text, int index)
    {
        var at = 0;
        for (var i = 0; i < index && at < text.Length; i++)
        {
            at += at + 1 < text.Length && char.IsSurrogatePair(text[at], text[at + 1]) ? 2 : 1;
        }

        return at;
    }
}
