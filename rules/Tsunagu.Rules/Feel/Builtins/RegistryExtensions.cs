namespace Tsunagu.Rules.Feel.Builtins;

internal static class RegistryExtensions
{
    /// <summary>Adds a signature whose body works on a <see cref="BuiltinCall"/> named after the function.</summary>
    public static void Define(this BuiltinLibrary.Registry table, string name, string[] parameters, Func<BuiltinCall, object?> body, int? required = null, bool variadic = false) =>
        table.Add(name, parameters, (args, context) => body(new BuiltinCall(name, args, context)), required, variadic);
}
