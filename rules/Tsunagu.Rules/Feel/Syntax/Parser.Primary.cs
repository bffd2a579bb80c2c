using System.Text;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Syntax;

internal sealed partial class Parser
{
    private const int MaxNameTokens = 10;

    private Node Primary()
    {
        var token = Current;
        var start = token.Start;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return FeelNumber.TryParse(token.Text, out var number)
                    ? new Literal(start, number)
                    : throw new FeelSyntaxException($"Invalid number '{token.Text}'.", start);
            case TokenKind.String:
                Advance();
                return new Literal(start, token.Text);
            case TokenKind.End:
                throw Error("Unexpected end of expression.");
        }

        if (ComparisonOp(token) is { } op)
        {
            Advance();
            return new UnaryComparisonNode(start, op, Nested(Additive));
        }

        switch (token.Text)
        {
            case "@" when token.Kind == TokenKind.Symbol:
                Advance();
                return Current.Kind == TokenKind.String
                    ? new AtLiteral(start, Advance().Text)
                    : throw Error("Expected a string after '@'.");
            case "(" when token.Kind == TokenKind.Symbol:
                if (LooksLikeRangeFromParen())
                {
                    return Range();
                }

                Advance();
                var inner = Expression();
                Expect(")");
                return inner;
            case "[" when token.Kind == TokenKind.Symbol:
                return ListOrRange();
            case "]" when token.Kind == TokenKind.Symbol:
                return Range();
            case "{" when token.Kind == TokenKind.Symbol:
                return Context();
            case "true" or "false" when token.Kind == TokenKind.Name:
                Advance();
                return new Literal(start, FeelSemantics.Box(token.Text == "true"));
            case "null" when token.Kind == TokenKind.Name:
                Advance();
                return new Literal(start, null);
            case "if" or "for" or "some" or "every" or "function" when token.Kind == TokenKind.Name:
                return Expression();
        }

        if (token.Kind == TokenKind.Name)
        {
            return new NameRef(start, Name());
        }

        throw Error($"Unexpected {Describe(token)}.");
    }

    /// <summary>True at '(' when a '..' appears at the first nesting level before the bracket closes.</summary>
    private bool LooksLikeRangeFromParen()
    {
        var depth = 0;
        for (var i = _pos; i < _tokens.Count; i++)
        {
            var t = _tokens[i];
            if (t.Kind != TokenKind.Symbol)
            {
                continue;
            }

            switch (t.Text)
            {
                case "(" or "[" or "{":
                    depth++;
                    break;
                case ")" or "]" or "}":
                    depth--;
                    if (depth <= 0)
                    {
                        return false;
                    }

                    break;
                case ".." when depth == 1:
                    return true;
            }
        }

        return false;
    }

    private Node ListOrRange()
    {
        var start = Expect("[").Start;
        var items = new List<Node>();
        if (Accept("]"))
        {
            return new ListNode(start, items);
        }

        var first = Expression();
        if (Accept(".."))
        {
            return RangeRest(start, startIncluded: true, first);
        }

        items.Add(first);
        while (Accept(","))
        {
            items.Add(Expression());
        }

        Expect("]");
        return new ListNode(start, items);
    }

    private RangeNode Range()
    {
        var open = Advance();
        var first = Expression();
        Expect("..");
        return RangeRest(open.Start, open.Text == "[", first);
    }

    private RangeNode RangeRest(int start, bool startIncluded, Node first)
    {
        // In "[1..10[" the closing '[' is not a filter on 10.
        _endpoint = true;
        var end = Expression();
        _endpoint = false;
        var close = Advance();
        if (!(close.Kind == TokenKind.Symbol && close.Text is "]" or ")" or "["))
        {
            throw new FeelSyntaxException($"Expected ']', ')' or '[' to close the range but found {Describe(close)}.", close.Start);
        }

        return new RangeNode(start, startIncluded, first, end, close.Text == "]");
    }

    private ContextNode Context()
    {
        var start = Expect("{").Start;
        var entries = new List<KeyValuePair<string, Node>>();
        var mark = _locals.Count;
        if (!At("}"))
        {
            do
            {
                var key = Current.Kind == TokenKind.String ? Advance().Text : NameUntil(":");
                Expect(":");
                entries.Add(new(key, Expression()));
                _locals.Add(key);
            }
            while (Accept(","));
        }

        Expect("}");
        _locals.RemoveRange(mark, _locals.Count - mark);
        return new ContextNode(start, entries);
    }

    /// <summary>A name reference: the longest run of tokens naming something in scope, else a run of plain words.</summary>
    private string Name()
    {
        var start = _pos;
        for (var length = Math.Min(MaxNameTokens, _tokens.Count - 1 - _pos); length > 1; length--)
        {
            if (CanFormName(start, length) && IsKnown(Slice(start, start + length)))
            {
                _pos += length;
                return Slice(start, _pos);
            }
        }

        _pos++;
        while (Current.Kind == TokenKind.Name && !Keywords.Contains(Current.Text) && !IsKnown(Current.Text))
        {
            _pos++;
        }

        return Slice(start, _pos);
    }

    private bool CanFormName(int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            var t = _tokens[i];
            var ok = t.Kind switch
            {
                TokenKind.Name => true,
                TokenKind.Number => i > start,
                TokenKind.Symbol => i > start && t.Text is "-" or "+" or "*" or "/" or "." or "'",
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private bool IsKnown(string name) => _locals.Contains(name) || _isKnownName(name);

    /// <summary>A declared name (context key, parameter, iterator): every token up to one of <paramref name="stops"/>.</summary>
    private string NameUntil(params string[] stops)
    {
        var start = _pos;
        while (Current.Kind != TokenKind.End && !(Current.Kind == TokenKind.Symbol && Array.IndexOf(stops, Current.Text) >= 0) && !(Current.Kind == TokenKind.Name && Array.IndexOf(stops, Current.Text) >= 0))
        {
            _pos++;
        }

        return _pos == start ? throw Error($"Expected a name but found {Describe(Current)}.") : Slice(start, _pos);
    }

    /// <summary>The source text of tokens [from, to), with whitespace runs collapsed to one space.</summary>
    private string Slice(int from, int to)
    {
        var raw = _text.AsSpan(_tokens[from].Start, _tokens[to - 1].End - _tokens[from].Start);
        var builder = new StringBuilder(raw.Length);
        var space = false;
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>A type after <c>instance of</c> or in a parameter declaration.</summary>
    private FeelTypeRef TypeRef()
    {
        if (Current.Kind == TokenKind.Name && Current.Text is "list" or "range" or "context" or "function" && Peek().Is("<"))
        {
            var name = Advance().Text;
            Advance();
            return name switch
            {
                "context" => ContextType(),
                "function" => FunctionType(),
                _ => GenericType(name),
            };
        }

        foreach (var multi in (string[])["date and time", "years and months duration", "days and time duration"])
        {
            var words = multi.Split(' ');
            if (Enumerable.Range(0, words.Length).All(i => Peek(i).Is(words[i])))
            {
                _pos += words.Length;
                return FeelTypeRef.Simple(multi);
            }
        }

        if (Current.Kind != TokenKind.Name)
        {
            throw Error($"Expected a type but found {Describe(Current)}.");
        }

        var start = _pos++;
        while (At(".") && Peek().Kind == TokenKind.Name)
        {
            _pos += 2;
        }

        return FeelTypeRef.Simple(Slice(start, _pos));
    }

    private FeelTypeRef GenericType(string name)
    {
        var argument = Nested(TypeRef);
        Expect(">");
        return new FeelTypeRef(name, [argument], null, null);
    }

    private FeelTypeRef ContextType()
    {
        var fields = new List<KeyValuePair<string, FeelTypeRef>>();
        if (!At(">"))
        {
            do
            {
                var key = NameUntil(":");
                Expect(":");
                fields.Add(new(key, Nested(TypeRef)));
            }
            while (Accept(","));
        }

        Expect(">");
        return new FeelTypeRef("context", [], fields, null);
    }

    private FeelTypeRef FunctionType()
    {
        var parameters = new List<FeelTypeRef>();
        if (!At(">"))
        {
            do
            {
                parameters.Add(Nested(TypeRef));
            }
            while (Accept(","));
        }

        Expect(">");
        Expect("->");
        return new FeelTypeRef("function", parameters, null, Nested(TypeRef));
    }
}
