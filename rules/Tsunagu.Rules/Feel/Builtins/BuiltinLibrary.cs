using System.Collections.Frozen;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Feel.Builtins;

/// <summary>The FEEL built-in functions of DMN 1.5 §10.3.4, by name. Each family registers itself in its own file.</summary>
internal static partial class BuiltinLibrary
{
    private static readonly FrozenDictionary<string, FeelFunction> Functions = Build();

    public static bool TryGet(string name, out FeelFunction function) => Functions.TryGetValue(name, out function!);

    public static IEnumerable<string> Names => Functions.Keys;

    private static FrozenDictionary<string, FeelFunction> Build()
    {
        var table = new Registry();
        RegisterConversion(table);
        RegisterBoolean(table);
        RegisterString(table);
        RegisterList(table);
        RegisterNumeric(table);
        RegisterContext(table);
        RegisterRange(table);
        RegisterRangeLiteral(table);
        RegisterTemporal(table);
        RegisterSort(table);
        return table.ToFrozen();
    }

    static partial void RegisterConversion(Registry table);

    static partial void RegisterBoolean(Registry table);

    static partial void RegisterString(Registry table);

    static partial void RegisterList(Registry table);

    static partial void RegisterNumeric(Registry table);

    static partial void RegisterContext(Registry table);

    static partial void RegisterRange(Registry table);

    static partial void RegisterRangeLiteral(Registry table);

    static partial void RegisterTemporal(Registry table);

    static partial void RegisterSort(Registry table);

    /// <summary>Collects signatures per name while the library is built.</summary>
    internal sealed class Registry
    {
        private readonly Dictionary<string, List<BuiltinSignature>> _byName = new(StringComparer.Ordinal);

        /// <summary>Adds a signature; parameters after <paramref name="required"/> are optional.</summary>
        public void Add(string name, string[] parameters, Func<object?[], FeelEvaluationContext, object?> body, int? required = null, bool variadic = false)
        {
            if (!_byName.TryGetValue(name, out var list))
            {
                _byName[name] = list = [];
            }

            list.Add(new BuiltinSignature(parameters, required ?? parameters.Length, variadic, body));
        }

        public FrozenDictionary<string, FeelFunction> ToFrozen() =>
            _byName.ToFrozenDictionary(p => p.Key, p => (FeelFunction)new BuiltinFunction(p.Key, p.Value), StringComparer.Ordinal);
    }
}
