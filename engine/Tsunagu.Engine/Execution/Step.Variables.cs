using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Runtime;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Engine.Execution;

internal sealed partial class Step
{
    // Each variable's FEEL value, converted once per step however many expressions read it; one entry per variable, so a
    // variable written again replaces its entry. A write puts a new node in place of the old (nodes are never changed in
    // place), so the node an entry was made from tells whether it is still the variable's value.
    private readonly Dictionary<(string Scope, string Name), (JsonNode Node, object? Value)> _feelValues = [];

    /// <summary>The variables a token sees: its scope's and every enclosing scope's (inner names hide outer ones).</summary>
    public FeelContext Visible(string scopeId, IReadOnlyDictionary<string, JsonNode?>? extra = null)
    {
        var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var scope = _state.Scopes.FirstOrDefault(s => s.Id == scopeId); scope is not null; scope = scope.ParentScopeId is { } p ? Scope(p) : null)
        {
            foreach (var (name, value) in scope.Variables)
            {
                if (!entries.ContainsKey(name))
                {
                    entries.Add(name, Feel(scope.Id, name, value));
                }
            }
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, JsonNode?>())
        {
            entries[name] = ToFeel(value);
        }

        return FeelContext.Create(entries);
    }

    /// <summary>Sets a variable where it is already defined in the token's scope chain, else on the process scope.</summary>
    public void SetVariable(string scopeId, string name, JsonNode? value, string? nodeId = null)
    {
        var target = Root;
        for (var scope = _state.Scopes.FirstOrDefault(s => s.Id == scopeId); scope is not null; scope = scope.ParentScopeId is { } p ? Scope(p) : null)
        {
            if (scope.Variables.ContainsKey(name))
            {
                target = scope;
                break;
            }
        }

        SetLocal(target, name, value, nodeId);
    }

    public void SetLocal(ScopeState scope, string name, JsonNode? value, string? nodeId = null)
    {
        CheckVariable(scope, name, value);
        scope.Variables[name] = value?.DeepClone();
        _conditionsStale = true;
        Record(HistoryKind.VariableSet, nodeId, null, new JsonObject { ["scope"] = scope.Id, ["name"] = name, ["value"] = value?.DeepClone() });
    }

    /// <summary>Evaluates a FEEL expression with the variables a token sees (FEEL errors give null).</summary>
    public object? Evaluate(TokenState token, BpmnExpression expression, IReadOnlyDictionary<string, JsonNode?>? extra = null) =>
        _graph.Expression(expression).Evaluate(Visible(token.ScopeId, extra), new FeelEvaluationContext(_options.Time));

    /// <summary>A sequence-flow or loop condition: true/false, or null (and an incident) when it is not a boolean.</summary>
    private bool? Condition(TokenState token, BpmnExpression expression)
    {
        switch (Evaluate(token, expression))
        {
            case bool b:
                return b;
            case var other:
                Incident(token, $"Condition '{expression.Text}' gave {FeelSemantics.TypeName(other)}, not a boolean.");
                return null;
        }
    }

    private object? Feel(string scopeId, string name, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (_feelValues.TryGetValue((scopeId, name), out var cached) && ReferenceEquals(cached.Node, node))
        {
            return cached.Value;
        }

        var value = ToFeel(node);
        _feelValues[(scopeId, name)] = (node, value);
        return value;
    }

    private static object? ToFeel(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return FeelValue.FromJson(document.RootElement);
    }

    public static JsonNode? ToJson(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            FeelValue.WriteJson(writer, value);
        }

        return JsonNode.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static JsonObject VariablesObject(ScopeState scope) => new([.. scope.Variables.Select(v => new KeyValuePair<string, JsonNode?>(v.Key, v.Value?.DeepClone()))]);

    /// <summary>Evaluates <c>tsunagu:input</c> mappings into the activity's scope.</summary>
    private void ApplyInputs(TokenState token, FlowNode node)
    {
        foreach (var mapping in node.Extensions.Inputs)
        {
            SetLocal(Scope(token.ScopeId), mapping.Name, ToJson(Evaluate(token, mapping.Expression)), node.Id);
        }
    }

    /// <summary>Sets the activity's result: through <c>tsunagu:output</c> mappings when it has any, else each result variable as is.</summary>
    private void ApplyOutputs(TokenState token, FlowNode node, IReadOnlyDictionary<string, JsonNode?>? result)
    {
        if (node.Extensions.Outputs.Count == 0)
        {
            foreach (var (name, value) in result ?? new Dictionary<string, JsonNode?>())
            {
                SetVariable(token.ScopeId, name, value, node.Id);
            }

            return;
        }

        foreach (var mapping in node.Extensions.Outputs)
        {
            SetVariable(token.ScopeId, mapping.Name, ToJson(Evaluate(token, mapping.Expression, result)), node.Id);
        }
    }

    /// <summary>A FEEL context's entries as JSON variables; anything else gives none.</summary>
    private static Dictionary<string, JsonNode?> Entries(object? value) =>
        value is FeelContext context ? context.Entries.ToDictionary(e => e.Key, e => ToJson(e.Value), StringComparer.Ordinal) : [];
}
