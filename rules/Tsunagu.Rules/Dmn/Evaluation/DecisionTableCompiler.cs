using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Syntax;

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
        var columns = new TableColumn[table.Inputs.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = TableColumn.Compile(table, c, scope, boxed, ref valid);
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
            [.. table.Inputs.Select(i => SlotOf(i.InputExpression.Text, scope))],
            inputValues,
            columns,
            outputs,
            [.. table.Rules.Select(r => r.OutputEntries.Select(Literal).ToArray())],
            [.. table.Outputs.Select(o => OutputValues(o, boxed))],
            [.. table.Outputs.Select(o => string.IsNullOrWhiteSpace(o.DefaultOutputEntry) ? null : boxed.CompileFeel(o.DefaultOutputEntry, scope, o.Id))],
            [.. table.Outputs.Select(o => boxed.Types.Resolve(o.TypeRef))],
            [.. table.Rules.Select((r, i) => new MatchedRule(i + 1, r.Id, r.AnnotationEntries))]);
        return plan.Evaluate;
    }

    /// <summary>
    /// The frame slot an input expression that is a plain name reads (as the compiled name would: the innermost scope,
    /// not dynamic), so an evaluation reads the slot without a call; -1 for any other expression.
    /// </summary>
    private static int SlotOf(string text, Scope scope)
    {
        try
        {
            return !scope.Dynamic && Parser.ParseExpression(text, scope.Defines) is NameRef { Name: var name } ? scope.IndexOf(name) : -1;
        }
        catch (FeelSyntaxException)
        {
            return -1;
        }
    }

    /// <summary>The value of an output entry that is a string, number or boolean literal; <see cref="TablePlan.NotLiteral"/> otherwise.</summary>
    private static object? Literal(string text)
    {
        try
        {
            return Parser.ParseExpression(text, _ => false) is Literal { Value: string or Feel.Values.FeelNumber or bool } literal ? literal.Value : TablePlan.NotLiteral;
        }
        catch (FeelSyntaxException)
        {
            return TablePlan.NotLiteral;
        }
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

    public static int Words(int rules) => Math.Max(1, (rules + 63) / 64);
}
