using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel;
using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>Resolves DMN typeRefs (built-in FEEL types, item definitions, imported item definitions) to <see cref="FeelType"/>s.</summary>
internal sealed class DmnTypeSystem
{
    private readonly DmnDefinitions _model;
    private readonly IReadOnlyDictionary<string, DmnTypeSystem> _imports;
    private readonly Dictionary<string, FeelType?> _cache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);

    /// <summary>How many item definitions may refer through one another: each step resolves recursively.</summary>
    public const int MaxReferenceDepth = 100;

    public DmnTypeSystem(DmnDefinitions model, IReadOnlyDictionary<string, DmnTypeSystem> imports)
    {
        _model = model;
        _imports = imports;
    }

    /// <summary>The type named by <paramref name="typeRef"/>; null when untyped or unknown (unknown names are reported).</summary>
    public FeelType? Resolve(string? typeRef, ICollection<string>? problems = null)
    {
        if (string.IsNullOrWhiteSpace(typeRef))
        {
            return null;
        }

        var name = typeRef.Trim();
        if (FeelType.FromName(name) is { } builtIn)
        {
            return builtIn;
        }

        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var type = ResolveNamed(name, problems);
        _cache[name] = type;
        return type;
    }

    private FeelType? ResolveNamed(string name, ICollection<string>? problems)
    {
        if (_model.FindItemDefinition(name) is { } definition)
        {
            if (_resolving.Count >= MaxReferenceDepth)
            {
                problems?.Add($"Item definition '{name}' is reached through more than {MaxReferenceDepth} type references.");
                return null;
            }

            if (!_resolving.Add(name))
            {
                problems?.Add($"Item definition '{name}' refers to itself.");
                return null;
            }

            try
            {
                return FromDefinition(definition, problems);
            }
            finally
            {
                _resolving.Remove(name);
            }
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && _imports.TryGetValue(name[..dot], out var imported))
        {
            return imported.Resolve(name[(dot + 1)..], problems);
        }

        if (name.Contains('<', StringComparison.Ordinal) && TryParseFeelType(name) is { } feelType)
        {
            return feelType;
        }

        problems?.Add($"Unknown type '{name}'.");
        return null;
    }

    /// <summary>FEEL type syntax used as a typeRef, e.g. <c>list&lt;number&gt;</c> or <c>context&lt;a: string&gt;</c>.</summary>
    private FeelType? TryParseFeelType(string text)
    {
        try
        {
            var node = Parser.ParseExpression($"null instance of {text}", _ => false);
            return node is InstanceOfNode instance
                ? Compiler.ResolveType(instance.Type, new Scope(null, []) { TypeResolver = n => Resolve(n) }, 0)
                : null;
        }
        catch (FeelSyntaxException)
        {
            return null;
        }
    }

    private ItemDefinitionType FromDefinition(ItemDefinition definition, ICollection<string>? problems)
    {
        FeelType? structure;
        if (definition.ItemComponents.Count > 0)
        {
            structure = new ContextType([.. definition.ItemComponents.Select(c => new KeyValuePair<string, FeelType>(c.Name, FromDefinition(c, problems)))]);
        }
        else if (definition.FunctionItem is { } function)
        {
            structure = new FunctionType(
                [.. function.Parameters.Select(p => Resolve(p.TypeRef, problems) ?? FeelType.Any)],
                Resolve(function.OutputTypeRef, problems) ?? FeelType.Any);
        }
        else
        {
            structure = Resolve(definition.TypeRef, problems);
        }

        return new ItemDefinitionType(
            definition.Name,
            structure,
            definition.IsCollection,
            Constraint(definition.AllowedValues, definition.Name, problems),
            Constraint(definition.TypeConstraint, definition.Name, problems));
    }

    private static TestEvaluator? Constraint(string? unaryTests, string owner, ICollection<string>? problems)
    {
        if (string.IsNullOrWhiteSpace(unaryTests))
        {
            return null;
        }

        try
        {
            return Compiler.CompileTest(Parser.ParseUnaryTests(unaryTests, _ => false), new Scope(null, []));
        }
        catch (FeelSyntaxException e)
        {
            problems?.Add($"Allowed values of '{owner}': {e.Message}");
            return null;
        }
    }
}

/// <summary>
/// A type from an item definition: a base or structured type, optionally a collection of it, restricted by allowed
/// values (checked per item) and a DMN 1.5 type constraint (checked on the whole value).
/// </summary>
internal sealed class ItemDefinitionType(string name, FeelType? structure, bool isCollection, TestEvaluator? allowedValues, TestEvaluator? typeConstraint) : FeelType
{
    public override string Name => name;

    public FeelType? Structure => structure;

    public bool IsCollection => isCollection;

    /// <summary>A collection's items: the same definition, item by item.</summary>
    public override FeelType? ItemType => isCollection ? new ItemDefinitionType(name, structure, false, allowedValues, null) : null;

    public override bool IsInstance(object? value)
    {
        if (value is null)
        {
            return false;
        }

        if (typeConstraint is not null && Test(typeConstraint, value) != true)
        {
            return false;
        }

        if (!isCollection)
        {
            return IsItem(value);
        }

        return value is FeelList list && list.Items.All(i => i is null || IsItem(i));
    }

    public override bool HasType(object? value) =>
        value is not null && (isCollection
            ? value is FeelList list && list.Items.All(i => i is null || structure is null || structure.HasType(i))
            : structure is null || structure.HasType(value));

    private bool IsItem(object value) =>
        (structure is null || structure.IsInstance(value)) && (allowedValues is null || Test(allowedValues, value) == true);

    private static bool? Test(TestEvaluator test, object value) => test(value, new Env(null, [], new FeelEvaluationContext()));
}
