using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>What fills one slot of a decision's frame: an input, another decision's value, or a function (BKM, decision service).</summary>
internal abstract record RequirementSlot(string Name);

internal sealed record InputSlot(string Name, FeelType? Type) : RequirementSlot(Name);

internal sealed record DecisionSlot(string Name, CompiledDecision Decision) : RequirementSlot(Name);

internal sealed record FunctionSlot(string Name, FeelFunction Function) : RequirementSlot(Name);

/// <summary>A decision ready to run: its requirement slots, compiled logic and declared type.</summary>
internal sealed class CompiledDecision(Decision decision, int index)
{
    public Decision Decision { get; } = decision;

    public string Name => Decision.Name;

    /// <summary>Position in a run's value table.</summary>
    public int Index { get; } = index;

    public RequirementSlot[] Slots { get; set; } = [];

    public Evaluator Body { get; set; } = env => env.Context.Null("The decision has no logic.");

    public FeelType? Type { get; set; }
}

/// <summary>One evaluation of the graph: inputs, decision values computed so far (each once), diagnostics.</summary>
internal sealed class DrgRun(IReadOnlyDictionary<string, object?> inputs, int decisionCount, FeelEvaluationContext context)
{
    private const byte Evaluating = 1;
    private const byte Done = 2;

    /// <summary>Each decision's value and state in one array: one allocation per run.</summary>
    private readonly (object? Value, byte State)[] _decisions = new (object?, byte)[decisionCount];

    public FeelEvaluationContext Context { get; } = context;

    /// <summary>Fixes a decision's value (a decision service's input decisions).</summary>
    public void Supply(CompiledDecision decision, object? value)
    {
        _decisions[decision.Index] = (value, Done);
    }

    public object? Evaluate(CompiledDecision decision)
    {
        var i = decision.Index;
        if (_decisions[i].State == Done)
        {
            return _decisions[i].Value;
        }

        if (_decisions[i].State == Evaluating)
        {
            return Context.Null($"Decision '{decision.Name}' depends on itself.");
        }

        // A decision evaluates the decisions it requires first: a long requirement chain nests like function calls.
        if (!Context.TryNest())
        {
            return null;
        }

        try
        {
            _decisions[i].State = Evaluating;
            var slots = new object?[decision.Slots.Length];
            for (var s = 0; s < slots.Length; s++)
            {
                slots[s] = Fill(decision.Slots[s]);
            }

            var value = Conform(decision.Body(new Env(null, slots, Context)), decision.Type, "Decision", decision.Name);
            _decisions[i] = (value, Done);
            return value;
        }
        finally
        {
            Context.Exit();
        }
    }

    /// <summary>Inputs first: most slots are inputs, and each case costs a type test.</summary>
    private object? Fill(RequirementSlot slot) => slot switch
    {
        InputSlot input => inputs.TryGetValue(input.Name, out var v) ? Conform(DmnModel.AsFeel(input.Name, v), input.Type, "Input", input.Name) : null,
        DecisionSlot d => Evaluate(d.Decision),
        FunctionSlot f => f.Function,
        _ => null,
    };

    /// <summary>Conforms <paramref name="value"/> to <paramref name="type"/>; the message is built only on failure (this runs per input and decision).</summary>
    public object? Conform(object? value, FeelType? type, string kind, string name)
    {
        if (FeelConformance.TryConform(value, type, out var result))
        {
            return result;
        }

        return Context.Null($"{kind} '{name}': {FeelSemantics.TypeName(value)} value does not conform to type '{type!.Name}'.");
    }
}

/// <summary>A business knowledge model as a FEEL function: its parameters bound over the BKM's own requirements.</summary>
internal sealed class BkmFunction(string name, string[] parameters, FeelType?[] types) : FeelFunction
{
    public string Name { get; } = name;

    public override IReadOnlyList<string> ParameterNames => parameters;

    public object?[] RequirementValues { get; set; } = [];

    public Evaluator Body { get; set; } = env => env.Context.Null("The knowledge model has no logic.");

    public FeelType? ResultType { get; set; }

    public override object? Invoke(object?[] args, FeelEvaluationContext context)
    {
        if (args.Length != parameters.Length)
        {
            return context.Null($"'{Name}' takes {parameters.Length} argument(s), not {args.Length}.");
        }

        var slots = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            if (!FeelConformance.TryConform(args[i], types[i], out slots[i]))
            {
                return context.Null($"'{Name}': argument '{parameters[i]}' does not conform to type '{types[i]!.Name}'.");
            }
        }

        if (!context.TryEnter())
        {
            return null;
        }

        object? result;
        try
        {
            result = Body(new Env(new Env(null, RequirementValues, context), slots, context));
        }
        finally
        {
            context.Exit();
        }

        return FeelConformance.TryConform(result, ResultType, out var conformed)
            ? conformed
            : context.Null($"'{Name}': result does not conform to type '{ResultType!.Name}'.");
    }
}

/// <summary>A decision service as a FEEL function: input data then input decisions are its parameters; it returns its output decisions.</summary>
internal sealed class DecisionServiceFunction(string name, DecisionCounter counter) : FeelFunction
{
    public string Name { get; } = name;

    public IReadOnlyList<CompiledDecision> InputDecisions { get; set; } = [];

    public IReadOnlyList<InputSlot> InputData { get; set; } = [];

    public IReadOnlyList<CompiledDecision> OutputDecisions { get; set; } = [];

    public FeelType? ResultType { get; set; }

    public override IReadOnlyList<string> ParameterNames => [.. InputData.Select(i => i.Name), .. InputDecisions.Select(d => d.Name)];

    public override object? Invoke(object?[] args, FeelEvaluationContext context)
    {
        var names = ParameterNames;
        if (args.Length != names.Count)
        {
            return context.Null($"Decision service '{Name}' takes {names.Count} argument(s), not {args.Length}.");
        }

        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < InputData.Count; i++)
        {
            inputs[names[i]] = args[i];
        }

        var run = new DrgRun(inputs, counter.Count, context);
        for (var i = 0; i < InputDecisions.Count; i++)
        {
            // A given input decision value that does not conform to its type makes the whole invocation an error.
            var decision = InputDecisions[i];
            if (!FeelConformance.TryConform(args[InputData.Count + i], decision.Type, out var value))
            {
                return context.Null($"Decision service '{Name}': input decision '{decision.Name}' does not conform to type '{decision.Type!.Name}'.");
            }

            run.Supply(decision, value);
        }

        if (OutputDecisions.Count == 1)
        {
            return run.Conform(run.Evaluate(OutputDecisions[0]), ResultType, "Decision service", Name);
        }

        return FeelContext.Create(OutputDecisions.Select(d => new KeyValuePair<string, object?>(d.Name, run.Evaluate(d))));
    }
}

/// <summary>Hands out decision indices across a model and its imports; the final count sizes each run's value table.</summary>
internal sealed class DecisionCounter
{
    public int Count { get; private set; }

    public int Next() => Count++;
}
