using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>
/// Compiles a decision table (DMN 1.5 §8) column by column: the rules sharing an input entry share one compiled test,
/// evaluated at most once per evaluation, and the matching rules are the AND of per-column bit masks.
/// </summary>
internal static class DecisionTableCompiler
{
    public static Evaluator Compile(DecisionTable table, Scope scope, BoxedCompiler boxed)
    {
        var broken = table.Rules.FirstOrDefault(r => r.InputEntries.Count != table.Inputs.Count || r.OutputEntries.Count != table.Outputs.Count);
        if (broken is not null)
        {
            return boxed.Fail($"rule '{broken.Id}' does not have one entry per input and output clause.", table.Id);
        }

        var valid = true;
        var inputs = table.Inputs.Select(i => boxed.CompileFeel(i.InputExpression.Text, scope, i.Id)).ToArray();
        var inputValues = table.Inputs.Select(i => string.IsNullOrWhiteSpace(i.InputValues) ? null : boxed.CompileTests(i.InputValues, scope, i.Id)).ToArray();
        var columns = new Column[table.Inputs.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = CompileColumn(table, c, scope, boxed, ref valid);
        }

        if (!valid)
        {
            return boxed.Fail("the table has input entries that do not parse.", table.Id);
        }

        var outputs = table.Rules.Select(r => r.OutputEntries.Select(e => boxed.CompileFeel(e, scope, r.Id)).ToArray()).ToArray();
        var plan = new TablePlan(
            table,
            boxed.Owner,
            inputs,
            inputValues,
            columns,
            outputs,
            [.. table.Outputs.Select(o => OutputValues(o, boxed))],
            [.. table.Outputs.Select(o => string.IsNullOrWhiteSpace(o.DefaultOutputEntry) ? null : boxed.CompileFeel(o.DefaultOutputEntry, scope, o.Id))],
            [.. table.Outputs.Select(o => boxed.Types.Resolve(o.TypeRef))],
            [.. table.Rules.Select((r, i) => new MatchedRule(i + 1, r.Id, r.AnnotationEntries))]);
        return plan.Evaluate;
    }

    private static Column CompileColumn(DecisionTable table, int c, Scope scope, BoxedCompiler boxed, ref bool valid)
    {
        var words = Words(table.Rules.Count);
        var any = new ulong[words];
        var groups = new Dictionary<string, (TestEvaluator? Test, string[]? Strings, ulong[] Mask)>(StringComparer.Ordinal);
        for (var r = 0; r < table.Rules.Count; r++)
        {
            var text = table.Rules[r].InputEntries[c].Trim();
            if (text.Length == 0 || text == "-")
            {
                any[r >> 6] |= 1UL << (r & 63);
                continue;
            }

            if (!groups.TryGetValue(text, out var group))
            {
                var test = boxed.CompileTests(text, scope, table.Rules[r].Id);
                var node = test is null ? null : Parser.ParseUnaryTests(text, name => scope.Defines(name) || BuiltinLibrary.TryGet(name, out _));
                group = node is null ? (null, null, new ulong[words]) : (WithListFastPath(node, scope, test!), StringConstants(node), new ulong[words]);
                groups[text] = group;
                valid &= test is not null;
            }

            group.Mask[r >> 6] |= 1UL << (r & 63);
        }

        var strings = new Dictionary<string, ulong[]>(StringComparer.Ordinal);
        var tests = new List<TestGroup>();
        foreach (var (test, constants, mask) in groups.Values)
        {
            if (constants is not null)
            {
                foreach (var constant in constants)
                {
                    Or(strings.TryGetValue(constant, out var rules) ? rules : strings[constant] = new ulong[words], mask);
                }
            }
            else if (test is not null)
            {
                tests.Add(new TestGroup(test, mask));
            }
        }

        return new Column(any, [.. tests], strings.Count == 0 ? null : strings);
    }

    /// <summary>The strings of an entry such as <c>"Kita","Minami"</c> (equal to one of them, FEEL's ordinal string equality); null for any other entry.</summary>
    private static string[]? StringConstants(Node node) =>
        node is InNode { Value: NameRef { Name: "?" }, Tests: var tests } && tests.All(t => t is Literal { Value: string })
            ? [.. tests.Select(t => (string)((Literal)t).Value!)]
            : null;

    public static void Or(Span<ulong> target, ulong[] mask)
    {
        for (var i = 0; i < mask.Length; i++)
        {
            target[i] |= mask[i];
        }
    }

    /// <summary>
    /// <c>list contains(?, constant)</c>, the usual test of a list input, answered directly when the input is a list (no
    /// frame, argument array or builtin call per evaluation); any other input takes the general path, with its diagnostics.
    /// </summary>
    private static TestEvaluator WithListFastPath(Node node, Scope scope, TestEvaluator general)
    {
        if (scope.Defines(ListContains) || HasDynamic(scope) || !BuiltinLibrary.TryGet(ListContains, out _))
        {
            return general;
        }

        if (node is not InNode { Value: NameRef { Name: "?" }, Tests: [InvokeNode { Callee: NameRef { Name: ListContains }, Positional: [NameRef { Name: "?" }, var element], Named: null }] }
            || !Compiler.TryConstant(element, out var value))
        {
            return general;
        }

        return (input, env) => input is FeelList list ? Contains(list, value) : general(input, env);
    }

    /// <summary>The builtin's answer for a list: some item is FEEL-equal to the value.</summary>
    private static bool Contains(FeelList list, object? value)
    {
        var items = list.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (FeelSemantics.Equal(items[i], value) == true)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDynamic(Scope? scope)
    {
        for (; scope is not null; scope = scope.Parent)
        {
            if (scope.Dynamic)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The constant values listed in an output clause's output values, in priority order; null when none are listed.</summary>
    private static object?[]? OutputValues(OutputClause clause, BoxedCompiler boxed)
    {
        if (string.IsNullOrWhiteSpace(clause.OutputValues))
        {
            return null;
        }

        try
        {
            var node = Parser.ParseUnaryTests(clause.OutputValues, _ => false);
            if (node is InNode tests && tests.Tests.All(t => Compiler.TryConstant(t, out _)))
            {
                return [.. tests.Tests.Select(t => Compiler.TryConstant(t, out var v) ? v : null)];
            }
        }
        catch (FeelSyntaxException)
        {
            boxed.Fail($"output values '{clause.OutputValues}' do not parse.", clause.Id);
        }

        return null;
    }

    private const string ListContains = "list contains";

    public static int Words(int rules) => Math.Max(1, (rules + 63) / 64);

    internal sealed record TestGroup(TestEvaluator Test, ulong[] Mask);

    /// <summary>One input column: rules with <c>-</c>, the rules of each compiled test, and string-equality entries indexed by string.</summary>
    internal sealed record Column(ulong[] Any, TestGroup[] Groups, Dictionary<string, ulong[]>? Strings);
}
