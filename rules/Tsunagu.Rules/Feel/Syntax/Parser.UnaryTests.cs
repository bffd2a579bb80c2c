namespace Tsunagu.Rules.Feel.Syntax;

internal sealed partial class Parser
{
    /// <summary>
    /// Parses unary tests (DMN 1.5 §10.3.1 rules 14–17): <c>-</c>, <c>not(tests)</c>, or a comma list of positive unary tests.
    /// The result is an <see cref="AnyTestNode"/>, a <see cref="NotTestsNode"/>, or an <see cref="InNode"/> whose value is <c>?</c>.
    /// </summary>
    public static Node ParseUnaryTests(string text, Func<string, bool> isKnownName)
    {
        var parser = new Parser(text, isKnownName);
        var node = parser.UnaryTests();
        parser.ExpectEnd();
        return node;
    }

    private Node UnaryTests()
    {
        var start = Current.Start;
        if (At("-") && Peek().Kind == TokenKind.End)
        {
            Advance();
            return new AnyTestNode(start);
        }

        if (At("not") && Peek().Is("(") && ClosesAtEnd(_pos + 1))
        {
            Advance();
            Advance();
            var tests = PositiveUnaryTests();
            Expect(")");
            return new NotTestsNode(start, tests);
        }

        return new InNode(start, new NameRef(start, "?"), PositiveUnaryTests());
    }

    private List<Node> PositiveUnaryTests()
    {
        var tests = new List<Node> { PositiveUnaryTest() };
        while (Accept(","))
        {
            tests.Add(PositiveUnaryTest());
        }

        return tests;
    }

    private Node PositiveUnaryTest()
    {
        var start = Current.Start;
        if (ComparisonOp(Current) is { } op)
        {
            Advance();
            return new UnaryComparisonNode(start, op, Additive());
        }

        return Expression();
    }

    /// <summary>True when the bracket opened at token <paramref name="open"/> closes at the last token.</summary>
    private bool ClosesAtEnd(int open)
    {
        var depth = 0;
        for (var i = open; i < _tokens.Count; i++)
        {
            var t = _tokens[i];
            if (t.Kind == TokenKind.Symbol && t.Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (t.Kind == TokenKind.Symbol && t.Text is ")" or "]" or "}" && --depth == 0)
            {
                return _tokens[i + 1].Kind == TokenKind.End;
            }
        }

        return false;
    }
}
