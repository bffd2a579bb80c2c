using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>Compiles boxed expressions (DMN 1.5 chapter 7 and 8) into evaluators; FEEL text goes through the FEEL compiler.</summary>
internal sealed class BoxedCompiler(DmnTypeSystem types, List<string> problems, string owner)
{
    public DmnTypeSystem Types => types;

    public string Owner => owner;

    public Evaluator Compile(Expression expression, Scope scope) => expression switch
    {
        LiteralExpression literal => CompileFeel(literal.Text, scope, literal.Id),
        Context context => CompileContext(context, scope),
        Invocation invocation => CompileInvocation(invocation, scope),
        ListExpression list => CompileList(list.Items, scope),
        Relation relation => CompileRelation(relation, scope),
        FunctionDefinition function => CompileFunction(function, scope),
        DecisionTable table => DecisionTableCompiler.Compile(table, scope, this),
        Conditional conditional => CompileConditional(conditional, scope),
        Filter filter => CompileFilter(filter, scope),
        For loop => CompileFor(loop, scope),
        Quantified quantified => CompileQuantified(quantified, scope),
        _ => Fail($"{expression.GetType().Name} expressions are not supported.", expression.Id),
    };

    /// <summary>Parses and compiles FEEL text; a syntax error is recorded and the expression evaluates to null with that error.</summary>
    public Evaluator CompileFeel(string text, Scope scope, string? elementId) =>
        Guard(() => Compiler.Compile(Parser.ParseExpression(text, name => IsKnown(name, scope)), scope), text, elementId);

    public TestEvaluator? CompileTests(string text, Scope scope, string? elementId)
    {
        try
        {
            return Compiler.CompileTest(Parser.ParseUnaryTests(text, name => IsKnown(name, scope)), scope);
        }
        catch (FeelSyntaxException e)
        {
            Problem($"'{text}': {e.Message}", elementId);
            return null;
        }
    }

    public Evaluator Fail(string message, string? elementId)
    {
        Problem(message, elementId);
        return env => env.Context.Null($"{owner}: {message}");
    }

    private void Problem(string message, string? elementId) =>
        problems.Add(elementId is null ? $"{owner}: {message}" : $"{owner} ({elementId}): {message}");

    private Evaluator Guard(Func<Evaluator> compile, string text, string? elementId)
    {
        try
        {
            return compile();
        }
        catch (FeelSyntaxException e)
        {
            return Fail($"'{text}': {e.Message} (at {e.Position})", elementId);
        }
    }

    private static bool IsKnown(string name, Scope scope) => scope.Defines(name) || BuiltinLibrary.TryGet(name, out _);

    private Evaluator Typed(Evaluator evaluator, string? typeRef, string what)
    {
        var type = types.Resolve(typeRef, problems);
        if (type is null)
        {
            return evaluator;
        }

        return env => FeelConformance.TryConform(evaluator(env), type, out var result)
            ? result
            : env.Context.Null($"{owner}: {what} does not conform to type '{type.Name}'.");
    }

    private Evaluator CompileContext(Context context, Scope scope)
    {
        var named = context.Entries.Where(e => e.Variable is not null).ToArray();
        var names = named.Select(e => e.Variable!.Name).ToArray();
        var inner = new Scope(scope, names);
        var values = named.Select((e, i) => Typed(Compile(e.Value, Compiler.EntryScope(inner, i, IsFunction(e.Value))), e.Variable!.TypeRef, $"context entry '{e.Variable.Name}'")).ToArray();
        var result = context.Entries.FirstOrDefault(e => e.Variable is null) is { } final ? Compile(final.Value, inner) : null;
        return env =>
        {
            var frame = new Env(env, new object?[names.Length], env.Context);
            for (var i = 0; i < values.Length; i++)
            {
                frame.Slots[i] = values[i](frame);
            }

            return result is not null
                ? result(frame)
                : FeelContext.Create(names.Select((n, i) => new KeyValuePair<string, object?>(n, frame.Slots[i])));
        };
    }

    private static bool IsFunction(Expression expression) =>
        expression is FunctionDefinition || (expression is LiteralExpression literal && literal.Text.TrimStart().StartsWith("function", StringComparison.Ordinal));

    private Evaluator CompileInvocation(Invocation invocation, Scope scope)
    {
        var callee = Compile(invocation.Callee, scope);
        var names = invocation.Bindings.Select(b => b.Parameter.Name).ToArray();
        var values = invocation.Bindings.Select(b => b.Value is null ? Compiler.Constant(null) : Compile(b.Value, scope)).ToArray();
        return env =>
        {
            if (callee(env) is not FeelFunction function)
            {
                return env.Context.Null($"{owner}: the invoked element is not a function.");
            }

            var args = new KeyValuePair<string, object?>[names.Length];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = new(names[i], values[i](env));
            }

            return function.InvokeNamed(args, env.Context);
        };
    }

    private Evaluator CompileList(IReadOnlyList<Expression> items, Scope scope)
    {
        var compiled = items.Select(i => Compile(i, scope)).ToArray();
        return env => new FeelList([.. compiled.Select(c => c(env))]);
    }

    private Evaluator CompileRelation(Relation relation, Scope scope)
    {
        var columns = relation.Columns.Select(c => c.Name).ToArray();
        var rows = relation.Rows.Select(r => r.Select(cell => Compile(cell, scope)).ToArray()).ToArray();
        if (rows.Any(r => r.Length != columns.Length))
        {
            return Fail("a relation row does not have one cell per column.", relation.Id);
        }

        return env => new FeelList([.. rows.Select(r => FeelContext.Create(columns.Select((c, i) => new KeyValuePair<string, object?>(c, r[i](env)))))]);
    }

    private Evaluator CompileFunction(FunctionDefinition function, Scope scope)
    {
        if (function.Kind != FunctionKind.Feel)
        {
            return Fail($"{function.Kind} functions are not supported.", function.Id);
        }

        var names = function.Parameters.Select(p => p.Name).ToArray();
        var parameterTypes = function.Parameters.Select(p => types.Resolve(p.TypeRef, problems)).ToArray();
        var body = function.Body is null ? Compiler.Constant(null) : Compile(function.Body, new Scope(scope, names));
        return env => new UserFunction(names, parameterTypes, body, env);
    }

    private Evaluator CompileConditional(Conditional conditional, Scope scope)
    {
        var condition = Compile(conditional.If, scope);
        var then = Compile(conditional.Then, scope);
        var otherwise = Compile(conditional.Else, scope);
        return env => condition(env) switch
        {
            true => then(env),
            false or null => otherwise(env),
            _ => env.Context.Null($"{owner}: the 'if' of a conditional is not a boolean."),
        };
    }

    private Evaluator CompileFilter(Filter filter, Scope scope)
    {
        var input = Compile(filter.In, scope);
        var match = Compile(filter.Match, new Scope(scope, ["item"], dynamic: true));
        return env => input(env) is not FeelList list ? env.Context.Null($"{owner}: a filter needs a list.")
            : !env.Context.TryCharge(list.Count) ? null
            : new FeelList([.. list.Items.Where(item => match(new Env(env, [item], env.Context, item as FeelContext)) is true)]);
    }

    private Evaluator CompileFor(For loop, Scope scope)
    {
        var input = Compile(loop.In, scope);
        var body = Compile(loop.Return, new Scope(scope, [loop.IteratorVariable]));
        return env => input(env) is not FeelList list ? env.Context.Null($"{owner}: 'for' needs a list.")
            : !env.Context.TryCharge(list.Count) ? null
            : new FeelList([.. list.Items.Select(item => body(new Env(env, [item], env.Context)))]);
    }

    private Evaluator CompileQuantified(Quantified quantified, Scope scope)
    {
        var input = Compile(quantified.In, scope);
        var condition = Compile(quantified.Satisfies, new Scope(scope, [quantified.IteratorVariable]));
        var every = quantified.Kind == QuantifierKind.Every;
        return env =>
        {
            if (input(env) is not FeelList list)
            {
                return env.Context.Null($"{owner}: '{(every ? "every" : "some")}' needs a list.");
            }

            // Every item is tested: one non-boolean 'satisfies' makes the whole result an error, whatever the others give.
            var satisfied = every;
            if (!env.Context.TryCharge(list.Count))
            {
                return null;
            }

            foreach (var item in list.Items)
            {
                switch (condition(new Env(env, [item], env.Context)))
                {
                    case bool b:
                        satisfied = every ? satisfied && b : satisfied || b;
                        break;
                    case var other:
                        return env.Context.Null($"{owner}: 'satisfies' gave {FeelSemantics.TypeName(other)}, not a boolean.");
                }
            }

            return FeelSemantics.Box(satisfied);
        };
    }
}
