using System.Text.Json;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Dmn;

/// <summary>
/// A loaded, compiled DMN model: immutable and thread-safe, compiled once, evaluated many times.
/// <code>var model = DmnModel.Load(stream); var result = model.Evaluate("Routing", inputs);</code>
/// </summary>
public sealed class DmnModel
{
    private readonly DrgCompiler _drg;
    private readonly DecisionCounter _counter;
    private readonly Dictionary<string, CompiledDecision> _decisionsByName = new(StringComparer.Ordinal);

    private DmnModel(DmnDefinitions definitions, DrgCompiler drg, DecisionCounter counter, IReadOnlyList<string> problems)
    {
        Definitions = definitions;
        _drg = drg;
        _counter = counter;
        Problems = problems;
        foreach (var decision in drg.Decisions)
        {
            // The first decision of a name wins, as a scan in model order would find it.
            _decisionsByName.TryAdd(decision.Name, decision);
        }
    }

    public DmnDefinitions Definitions { get; }

    /// <summary><c>sha256:…</c> of the model's canonical XML: the version recorded with every result.</summary>
    public string VersionHash => Definitions.VersionHash;

    /// <summary>What could not be compiled (FEEL syntax errors, unknown types, missing imports). Affected expressions evaluate to null with an error.</summary>
    public IReadOnlyList<string> Problems { get; }

    public IEnumerable<string> DecisionNames => Definitions.Decisions.Select(d => d.Name);

    /// <summary>Reads and compiles a model. Throws <see cref="ModelParseException"/> for XML that is not a readable DMN model.</summary>
    public static DmnModel Load(Stream xml) => Load(DmnParser.Parse(xml));

    /// <summary>Compiles parsed definitions; <paramref name="imports"/> are the models its imports may refer to (matched by namespace).</summary>
    public static DmnModel Load(DmnDefinitions definitions, IEnumerable<DmnDefinitions>? imports = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var problems = new List<string>();
        var counter = new DecisionCounter();
        var drg = new DrgCompiler(definitions, [.. imports ?? []], counter, problems);
        drg.CompileAll();
        return new DmnModel(definitions, drg, counter, problems);
    }

    /// <summary>Evaluates a decision. Inputs are keyed by input data name; values are CLR values (see <see cref="FeelValue.FromClr"/>) or FEEL values.</summary>
    public DecisionResult Evaluate(string decisionName, IReadOnlyDictionary<string, object?> inputs, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var decision = FindDecision(decisionName) ?? throw new DmnEvaluationException($"The model '{Definitions.Name}' has no decision named '{decisionName}'.");
        var context = new FeelEvaluationContext(time);
        var run = new DrgRun(ToFeel(inputs), _counter.Count, context);
        var value = run.Evaluate(decision);
        return Result(decisionName, value, context);
    }

    /// <summary>Evaluates a decision with inputs from a JSON object.</summary>
    public DecisionResult Evaluate(string decisionName, JsonElement inputs, TimeProvider? time = null)
    {
        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw new DmnEvaluationException("Inputs must be a JSON object.");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in inputs.EnumerateObject())
        {
            values[property.Name] = FromJson(property.Value);
        }

        return Evaluate(decisionName, values, time);
    }

    /// <summary>Invokes a business knowledge model or decision service by name with named arguments.</summary>
    public DecisionResult Invoke(string name, IReadOnlyDictionary<string, object?> arguments, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var function = _drg.FindFunction(name) ?? throw new DmnEvaluationException($"The model '{Definitions.Name}' has no knowledge model or decision service named '{name}'.");
        var context = new FeelEvaluationContext(time);
        var named = Convert(arguments).ToList();
        var value = function.InvokeNamed(named, context);
        return Result(name, value, context);
    }

    /// <summary>The result of an evaluation; null when it ran out of iterations or time, whatever parts of it completed.</summary>
    private DecisionResult Result(string name, object? value, FeelEvaluationContext context) =>
        new(name, context.Exhausted ? null : value, context, VersionHash);

    private CompiledDecision? FindDecision(string? name) => name is not null && _decisionsByName.TryGetValue(name, out var decision) ? decision : null;

    /// <summary>
    /// The inputs keyed ordinally. An ordinal dictionary is used as it is, sparing a copy per evaluation: the run
    /// converts a CLR value when it reads that input (<see cref="AsFeel"/>); anything else is converted into a new dictionary.
    /// </summary>
    private static Dictionary<string, object?> ToFeel(IReadOnlyDictionary<string, object?> inputs) =>
        inputs is Dictionary<string, object?> dictionary && (dictionary.Comparer == StringComparer.Ordinal || dictionary.Comparer == EqualityComparer<string>.Default)
            ? dictionary
            : Convert(inputs);

    /// <summary>An input as a FEEL value; the common FEEL values are checked by type first, as FromClr allocates even when it returns its argument.</summary>
    internal static object? AsFeel(string key, object? value) => value is null or bool or string or FeelNumber or FeelList ? value : FromClr(key, value);

    private static Dictionary<string, object?> Convert(IReadOnlyDictionary<string, object?> inputs)
    {
        var values = new Dictionary<string, object?>(inputs.Count, StringComparer.Ordinal);
        foreach (var (key, value) in inputs)
        {
            values[key] = FromClr(key, value);
        }

        return values;
    }

    private static object? FromClr(string key, object? value)
    {
        try
        {
            return FeelValue.FromClr(value);
        }
        catch (ArgumentException e)
        {
            throw new DmnEvaluationException($"Input '{key}': {e.Message}", e);
        }
    }

    private static object? FromJson(JsonElement json)
    {
        try
        {
            return FeelValue.FromJson(json);
        }
        catch (ArgumentException e)
        {
            throw new DmnEvaluationException(e.Message, e);
        }
    }
}
