using System.Text.RegularExpressions;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using Tsunagu.Cases.Packs;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Syntax;
using Expression = System.Linq.Expressions.Expression;
using Rule = Tsunagu.Rules.Dmn.Model.Rule;

namespace Tsunagu.Cases.Routing.Rules;

/// <summary>
/// Compiles the routing tables of a pack's routing.dmn into NRules rules, one rule per row named by the DMN rule id:
/// input entries become conditions (the FEEL engine's compiled unary tests), outputs are evaluated when the row fires.
/// A table that cannot be compiled is refused with a <see cref="PackException"/> naming the row and column.
/// </summary>
public static partial class RoutingTables
{
    public const string ConcernRouting = "concern routing";
    public const string CoordinationConcerns = "coordination concerns";
    public const string CoordinationReferral = "coordination referral";
    public const string Meeting = "meeting";

    /// <summary>The tables routing compiles, the fact each row matches and when it fires (NRules priority).</summary>
    private static readonly (string Name, Type Fact, int Priority)[] Tables =
    [
        (ConcernRouting, typeof(SubjectConcern), StructuralRules.TablesOnConcerns),
        (CoordinationConcerns, typeof(SubjectConcern), StructuralRules.TablesOnConcerns),
        (CoordinationReferral, typeof(Coordination), StructuralRules.TablesOnCoordination),
        (Meeting, typeof(Coordination), StructuralRules.TablesOnCoordination),
    ];

    /// <summary>Facts with every field set, to check at deploy that each input expression names a field the fact has.</summary>
    private static readonly Dictionary<Type, ITableInput> Probes = new()
    {
        [typeof(SubjectConcern)] = new SubjectConcern(new Subject("person", 0, new RoutingPerson(), null), "", 0),
        [typeof(Coordination)] = new Coordination(false, [], ConsentStatus.Unknown, new HouseholdPlacements([])),
    };

    /// <summary>One rule definition per row of the routing tables, in table order.</summary>
    public static IReadOnlyList<IRuleDefinition> Compile(DmnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rules = new List<IRuleDefinition>();
        foreach (var (name, fact, priority) in Tables)
        {
            var decision = model.Definitions.Decisions.FirstOrDefault(d => d.Name == name)
                ?? throw new PackException(SamplePack.RoutingFileName, name, $"The model has no decision named '{name}'; routing compiles it into rules.");
            var table = decision.Expression as DecisionTable
                ?? throw new PackException(SamplePack.RoutingFileName, name, "The decision must be a decision table to compile into rules.");
            rules.AddRange(CompileTable(name, table, Probes[fact], priority));
        }

        return rules;
    }

    /// <summary>
    /// One rule per row of <paramref name="table"/>, matching facts of <paramref name="probe"/>'s type (the probe has
    /// every field set: each input expression must be one it can read). Used for routing's tables and by the bench.
    /// </summary>
    public static IEnumerable<IRuleDefinition> CompileTable(string name, DecisionTable table, ITableInput probe, int priority)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(probe);
        var fact = probe.GetType();
        if (table.HitPolicy is HitPolicy.Priority or HitPolicy.OutputOrder || table.Aggregation is not Aggregation.None)
        {
            throw new PackException(SamplePack.RoutingFileName, $"{name}: hitPolicy", "Routing compiles UNIQUE, ANY, FIRST, RULE ORDER and COLLECT tables without aggregation.");
        }

        var paths = table.Inputs.Select((input, i) => Path(name, input, i, probe)).ToArray();
        var outputs = table.Outputs.Select(o => o.Name ?? name).ToArray();
        for (var row = 0; row < table.Rules.Count; row++)
        {
            var rule = table.Rules[row];
            var id = rule.Id ?? throw new PackException(SamplePack.RoutingFileName, $"{name}: row {row + 1}", "Every row needs an id: rules and explanations are named by it.");
            if (rule.InputEntries.Count != paths.Length || rule.OutputEntries.Count != outputs.Length)
            {
                throw new PackException(SamplePack.RoutingFileName, $"{name}: {id}", $"The row has {rule.InputEntries.Count} input and {rule.OutputEntries.Count} output entries; the table has {paths.Length} and {outputs.Length} columns.");
            }

            var compiled = new TableRow(name, table.HitPolicy, id, row, [.. outputs.Select((o, i) => (o, Output(name, id, table.Outputs[i], rule.OutputEntries[i])))]);
            yield return Define(compiled, rule, fact, priority, [.. paths.Select((p, i) => new TableCell(p, Entry(name, id, table.Inputs[i], rule.InputEntries[i])))]);
        }
    }

    private static IRuleDefinition Define(TableRow row, Rule rule, Type fact, int priority, TableCell[] cells)
    {
        var builder = new RuleBuilder();
        builder.Name(row.RuleId);
        builder.Description(rule.Description ?? row.Table);
        builder.Tag(row.Table);
        builder.Priority(priority);
        var pattern = builder.LeftHandSide().Pattern(fact, "fact");
        var input = Expression.Parameter(fact, "fact");
        foreach (var cell in cells.Where(c => !c.Tests.MatchesAll))
        {
            var condition = DirectConditions.TryCompile(input, cell.Path, cell.Tests.Text) ?? Expression.Call(Expression.Constant(cell), TableCell.MatchesMethod, input);
            pattern.Condition(Expression.Lambda(condition, input));
        }

        var context = Expression.Parameter(typeof(IContext), "ctx");
        builder.RightHandSide().Action(Expression.Lambda(Expression.Call(Expression.Constant(row), TableRow.FireMethod, input), context, input));
        return builder.Build();
    }

    private static string Path(string table, InputClause input, int index, ITableInput probe)
    {
        var path = input.InputExpression.Text.Trim();
        return probe.TryRead(path, out _)
            ? path
            : throw new PackException(SamplePack.RoutingFileName, $"{table}: input {input.Label ?? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}", $"The input expression '{path}' is not a field routing provides to this table.");
    }

    private static FeelUnaryTests Entry(string table, string id, InputClause input, string text)
    {
        try
        {
            return FeelUnaryTests.Compile(text);
        }
        catch (FeelSyntaxException e)
        {
            throw new PackException(SamplePack.RoutingFileName, $"{table}: {id}: input {input.Label ?? input.InputExpression.Text}", $"'{text}' is not a unary test: {e.Message}", e);
        }
    }

    /// <summary>A string literal is kept as is; anything else is compiled against the table's fact variables.</summary>
    private static object? Output(string table, string id, OutputClause output, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (StringLiteral().Match(trimmed) is { Success: true } literal)
        {
            return literal.Groups[1].Value;
        }

        try
        {
            return FeelExpression.CompileDynamic(trimmed);
        }
        catch (FeelSyntaxException e)
        {
            throw new PackException(SamplePack.RoutingFileName, $"{table}: {id}: output {output.Name ?? output.Label}", $"'{text}' is not a FEEL expression: {e.Message}", e);
        }
    }

    [GeneratedRegex("""^"([^"\\]*)"$""")]
    private static partial Regex StringLiteral();
}

/// <summary>One input entry of a row: the column's path into the fact and the compiled unary tests.</summary>
internal sealed class TableCell(string path, FeelUnaryTests tests)
{
    public static readonly System.Reflection.MethodInfo MatchesMethod = typeof(TableCell).GetMethod(nameof(Matches))!;

    public string Path { get; } = path;

    public FeelUnaryTests Tests { get; } = tests;

    public bool Matches(ITableInput fact) => fact.TryRead(Path, out var value) && Tests.Matches(value);

    public override string ToString() => $"{Path} in {Tests.Text}";
}

/// <summary>A compiled row's action: evaluate the outputs for the matched fact and add the hit to the fact.</summary>
internal sealed class TableRow(string table, HitPolicy policy, string ruleId, int row, (string Name, object? Value)[] outputs)
{
    public static readonly System.Reflection.MethodInfo FireMethod = typeof(TableRow).GetMethod(nameof(Fire))!;

    /// <summary>The outputs of a row whose entries are all constants, built once and shared by its hits.</summary>
    private readonly IReadOnlyDictionary<string, object?>? _constant = outputs.Any(o => o.Value is FeelExpression)
        ? null
        : outputs.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal).AsReadOnly();

    public string Table { get; } = table;

    public string RuleId { get; } = ruleId;

    public void Fire(ITableInput fact) => fact.Hits.Add(new TableHit(Table, policy, RuleId, row, fact, _constant ?? Evaluate(fact)));

    private Dictionary<string, object?> Evaluate(ITableInput fact)
    {
        var values = new Dictionary<string, object?>(outputs.Length, StringComparer.Ordinal);
        foreach (var (name, value) in outputs)
        {
            values[name] = value is FeelExpression expression ? expression.Evaluate(fact.Variables) : value;
        }

        return values;
    }
}
