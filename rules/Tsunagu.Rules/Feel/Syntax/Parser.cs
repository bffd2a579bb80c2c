using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Syntax;

/// <summary>
/// Recursive-descent FEEL parser (DMN 1.5 §10.3.1). Multi-word names ("Monthly Salary", "date and time") are
/// resolved against the names in scope, longest match first, so it is given the names the surrounding model defines.
/// </summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "in", "instance", "of", "between", "for", "return", "if", "then", "else", "some", "every", "satisfies", "function", "external", "true", "false", "null",
    };

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly Func<string, bool> _isKnownName;
    private readonly List<string> _locals = [];
    private int _pos;
    private int _depth;

    /// <summary>Deepest nesting of expressions the parser follows, so hostile text cannot exhaust the stack.</summary>
    public const int MaxNesting = 200;
    private bool _endpoint;

    private Parser(string text, Func<string, bool> isKnownName)
    {
        _text = text;
        _tokens = Lexer.Tokenize(text);
        _isKnownName = isKnownName;
    }

    /// <summary>Parses a whole textual expression.</summary>
    public static Node ParseExpression(string text, Func<string, bool> isKnownName)
    {
        var parser = new Parser(text, isKnownName);
        var node = parser.Expression();
        parser.ExpectEnd();
        return node;
    }

    private Token Current => _tokens[_pos];

    private Token Peek(int ahead = 1) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private Token Advance() => _tokens[_pos++];

    private bool At(string symbolOrWord) => Current.Is(symbolOrWord);

    private bool Accept(string symbolOrWord)
    {
        if (!At(symbolOrWord))
        {
            return false;
        }

        _pos++;
        return true;
    }

    private Token Expect(string symbolOrWord) =>
        At(symbolOrWord) ? Advance() : throw Error($"Expected '{symbolOrWord}' but found {Describe(Current)}.");

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End)
        {
            throw Error($"Unexpected {Describe(Current)}.");
        }
    }

    private FeelSyntaxException Error(string message) => new(message, Current.Start);

    private static string Describe(Token token) => token.Kind == TokenKind.End ? "end of expression" : $"'{token.Text}'";

    private Node Expression() => Nested(NestedExpression);

    private T Nested<T>(Func<T> parse)
    {
        if (++_depth > MaxNesting)
        {
            throw Error($"The expression nests more than {MaxNesting} levels deep.");
        }

        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private Node NestedExpression()
    {
        var start = Current.Start;
        if (At("for") && IsIterationStart())
        {
            return For(start);
        }

        if ((At("some") || At("every")) && IsIterationStart())
        {
            return Quantified(start);
        }

        if (At("if") && !IsKnownAt("if"))
        {
            Advance();
            var condition = Expression();
            Expect("then");
            var then = Expression();
            Expect("else");
            return new IfNode(start, condition, then, Expression());
        }

        if (At("function") && Peek().Is("("))
        {
            return Function(start);
        }

        return Disjunction();
    }

    private bool IsKnownAt(string word) => IsKnown(word) && !Peek().Is("(") && Peek().Kind != TokenKind.Name;

    private bool IsIterationStart() => Peek().Kind == TokenKind.Name && !Peek().Is("(");

    private ForNode For(int start)
    {
        Advance();
        var mark = _locals.Count;
        var iterations = Iterations();
        Expect("return");
        _locals.Add("partial");
        var body = Expression();
        _locals.RemoveRange(mark, _locals.Count - mark);
        return new ForNode(start, iterations, body);
    }

    private QuantifiedNode Quantified(int start)
    {
        var every = Advance().Text == "every";
        var mark = _locals.Count;
        var iterations = Iterations();
        Expect("satisfies");
        var condition = Expression();
        _locals.RemoveRange(mark, _locals.Count - mark);
        return new QuantifiedNode(start, every, iterations, condition);
    }

    /// <summary>Parses <c>name in domain (, name in domain)*</c>, bringing each name into scope for the rest.</summary>
    private List<Iteration> Iterations()
    {
        var iterations = new List<Iteration>();
        do
        {
            var name = NameUntil("in");
            Expect("in");
            var domain = Expression();
            Node? end = null;
            if (Accept(".."))
            {
                end = Expression();
            }

            iterations.Add(new Iteration(name, domain, end));
            _locals.Add(name);
        }
        while (Accept(","));

        return iterations;
    }

    private FunctionNode Function(int start)
    {
        Advance();
        Expect("(");
        var parameters = new List<FunctionParameter>();
        if (!At(")"))
        {
            do
            {
                var name = NameUntil(":", ",", ")");
                var type = Accept(":") ? TypeRef() : null;
                parameters.Add(new FunctionParameter(name, type));
            }
            while (Accept(","));
        }

        Expect(")");
        var external = Accept("external");
        var mark = _locals.Count;
        _locals.AddRange(parameters.Select(p => p.Name));
        var body = Expression();
        _locals.RemoveRange(mark, _locals.Count - mark);
        return new FunctionNode(start, parameters, body, external);
    }

    private Node Disjunction()
    {
        var left = Conjunction();
        while (At("or"))
        {
            var at = Advance().Start;
            left = new OrNode(at, left, Conjunction());
        }

        return left;
    }

    private Node Conjunction()
    {
        var left = Comparison();
        while (At("and"))
        {
            var at = Advance().Start;
            left = new AndNode(at, left, Comparison());
        }

        return left;
    }

    private Node Comparison()
    {
        var left = InstanceOf();
        while (true)
        {
            var at = Current.Start;
            if (ComparisonOp(Current) is { } op)
            {
                Advance();
                left = new BinaryNode(at, op, left, InstanceOf());
            }
            else if (At("between"))
            {
                Advance();
                var low = InstanceOf();
                Expect("and");
                left = new BetweenNode(at, left, low, InstanceOf());
            }
            else if (At("in"))
            {
                Advance();
                left = new InNode(at, left, InTests());
            }
            else
            {
                return left;
            }
        }
    }

    /// <summary>The right side of <c>in</c>: one positive unary test, or a parenthesised list of them.</summary>
    private List<Node> InTests()
    {
        if (At("(") && !LooksLikeRangeFromParen())
        {
            Advance();
            var tests = new List<Node> { PositiveUnaryTest() };
            while (Accept(","))
            {
                tests.Add(PositiveUnaryTest());
            }

            Expect(")");
            return tests;
        }

        return [PositiveUnaryTest()];
    }

    private static BinaryOp? ComparisonOp(Token token) => token.Kind != TokenKind.Symbol ? null : token.Text switch
    {
        "=" => BinaryOp.Equal,
        "!=" => BinaryOp.NotEqual,
        "<" => BinaryOp.Less,
        "<=" => BinaryOp.LessOrEqual,
        ">" => BinaryOp.Greater,
        ">=" => BinaryOp.GreaterOrEqual,
        _ => null,
    };

    private Node InstanceOf()
    {
        var left = Additive();
        while (At("instance") && Peek().Is("of"))
        {
            var at = Advance().Start;
            Advance();
            left = new InstanceOfNode(at, left, TypeRef());
        }

        return left;
    }

    private Node Additive()
    {
        var left = Multiplicative();
        while (At("+") || At("-"))
        {
            var token = Advance();
            left = new BinaryNode(token.Start, token.Text == "+" ? BinaryOp.Add : BinaryOp.Subtract, left, Multiplicative());
        }

        return left;
    }

    private Node Multiplicative()
    {
        var left = Power();
        while (At("*") || At("/"))
        {
            var token = Advance();
            left = new BinaryNode(token.Start, token.Text == "*" ? BinaryOp.Multiply : BinaryOp.Divide, left, Power());
        }

        return left;
    }

    private Node Power()
    {
        var left = Unary();
        while (At("**"))
        {
            var at = Advance().Start;
            left = new BinaryNode(at, BinaryOp.Power, left, Unary());
        }

        return left;
    }

    private Node Unary()
    {
        if (At("-"))
        {
            var at = Advance().Start;
            return new NegateNode(at, Nested(Unary));
        }

        return Postfix(Primary());
    }

    private Node Postfix(Node node)
    {
        while (true)
        {
            var at = Current.Start;
            if (Accept("."))
            {
                node = new PathNode(at, node, Member());
            }
            else if (!_endpoint && Accept("["))
            {
                _locals.Add("item");
                var predicate = Expression();
                _locals.RemoveAt(_locals.Count - 1);
                Expect("]");
                node = new FilterNode(at, node, predicate);
            }
            else if (At("("))
            {
                node = Invocation(node);
            }
            else
            {
                return node;
            }
        }
    }

    private InvokeNode Invocation(Node callee)
    {
        var at = Expect("(").Start;
        var positional = new List<Node>();
        List<KeyValuePair<string, Node>>? named = null;
        if (!At(")"))
        {
            do
            {
                if (IsNamedArgument())
                {
                    var name = NameUntil(":");
                    Expect(":");
                    (named ??= []).Add(new(name, Expression()));
                }
                else if (named is not null)
                {
                    throw Error("Positional and named arguments cannot be mixed.");
                }
                else
                {
                    positional.Add(Expression());
                }
            }
            while (Accept(","));
        }

        Expect(")");
        return new InvokeNode(at, callee, positional, named);
    }

    /// <summary>A named argument is a run of name tokens followed by ':'.</summary>
    private bool IsNamedArgument()
    {
        var i = _pos;
        while (_tokens[i].Kind == TokenKind.Name || (_tokens[i].Kind == TokenKind.Symbol && _tokens[i].Text is "-" or "+" or "*" or "/" or "." or "'") || (_tokens[i].Kind == TokenKind.Number && i > _pos))
        {
            i++;
        }

        return i > _pos && _tokens[i].Is(":");
    }

    private string Member()
    {
        if (Current.Kind == TokenKind.String)
        {
            return Advance().Text;
        }

        if (Current.Kind != TokenKind.Name)
        {
            throw Error($"Expected a name after '.' but found {Describe(Current)}.");
        }

        var start = _pos;
        while (Peek().Kind == TokenKind.Name && !Keywords.Contains(Peek().Text))
        {
            _pos++;
        }

        _pos++;
        return Slice(start, _pos);
    }
}
