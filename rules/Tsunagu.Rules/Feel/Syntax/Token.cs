namespace Tsunagu.Rules.Feel.Syntax;

internal enum TokenKind
{
    Name,
    Number,
    String,
    Symbol,
    End,
}

/// <summary>A lexical token; <see cref="Start"/> and <see cref="End"/> are offsets into the source text.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, int End)
{
    public bool Is(string symbolOrWord) => (Kind is TokenKind.Symbol or TokenKind.Name) && Text == symbolOrWord;
}
