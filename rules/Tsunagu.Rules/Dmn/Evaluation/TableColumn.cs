using System.Collections.Frozen;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel.Builtins;
using Tsunagu.Rules.Feel.Compilation;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>
/// The rules of one input entry text (a bit mask), sharing one compiled test; <c>Member</c> marks a list-contains entry,
/// <c>Constant</c> answers a literal comparison without the FEEL call.
/// </summary>
internal sealed record TestGroup(TestEvaluator Test, ulong[] Mask, bool Member, ConstantTest? Constant = null);

/// <summary>
/// One input column of a decision table: the rules with <c>-</c>, and the rules of each distinct entry. Two common
/// entry shapes are answered by dictionary lookup instead of one test per entry: string constants (<c>"Kita","Minami"</c>)
/// and <c>list contains(?, "constant")</c> on a list input. Any other input still runs every compiled test.
/// </summary>
internal sealed class TableColumn(ulong[] any, TestGroup[] groups, FrozenDictionary<string, ulong[]>? strings, FrozenDictionary<string, ulong[]>? members)
{
    /// <summary>Sets <paramref name="column"/> to the rules whose entry accepts <paramref name="input"/>; tests run only for rules still alive.</summary>
    public void Match(object? input, Span<ulong> alive, Span<ulong> column, Env env)
    {
        any.CopyTo(column);
        if (strings is not null && input is string text && strings.TryGetValue(text, out var equal))
        {
            Or(column, equal);
        }

        var indexed = members is not null && input is FeelList;
        if (indexed)
        {
            // list contains is true when some item equals the constant; only string items can equal a string.
            var items = ((FeelList)input!).Items;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is string member && members!.TryGetValue(member, out var containing))
                {
                    Or(column, containing);
                }
            }
        }

        foreach (var group in groups)
        {
            if (!(indexed && group.Member) && Intersects(group.Mask, alive) && Accepts(group, input, env))
            {
                Or(column, group.Mask);
            }
        }
    }

    public static TableColumn Compile(DecisionTable table, int c, Scope scope, BoxedCompiler boxed, ref bool valid)
    {
        var words = DecisionTableCompiler.Words(table.Rules.Count);
        var any = new ulong[words];
        var groups = new Dictionary<string, (TestEvaluator? Test, Node? Node, ulong[] Mask)>(StringComparer.Ordinal);
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
                group = (test, node, new ulong[words]);
                groups[text] = group;
                valid &= test is not null;
            }

            group.Mask[r >> 6] |= 1UL << (r & 63);
        }

        var strings = new Dictionary<string, ulong[]>(StringComparer.Ordinal);
        var members = new Dictionary<string, ulong[]>(StringComparer.Ordinal);
        var tests = new List<TestGroup>();
        var builtinListContains = BuiltinListContains(scope);
        foreach (var (test, node, mask) in groups.Values)
        {
            if (test is null)
            {
                continue;
            }

            if (StringConstants(node!) is { } constants)
            {
                Array.ForEach(constants, constant => Or(RulesOf(strings, constant, words), mask));
            }
            else if (builtinListContains && ListMember(node!) is { } member)
            {
                // Kept in order as a test too: a non-list input still runs it, with its diagnostics.
                Or(RulesOf(members, member, words), mask);
                tests.Add(new TestGroup(test, mask, Member: true));
            }
            else
            {
                tests.Add(new TestGroup(test, mask, Member: false, ConstantTest.From(node!)));
            }
        }

        return new TableColumn(any, [.. tests], Frozen(strings), Frozen(members));
    }

    private static bool Accepts(TestGroup group, object? input, Env env) =>
        group.Constant is { } constant && constant.TryMatch(input, out var matched) ? matched : group.Test(input, env) == true;

    /// <summary>Frozen: built once per deploy, looked up on every evaluation, where its hashing beats a dictionary's.</summary>
    private static FrozenDictionary<string, ulong[]>? Frozen(Dictionary<string, ulong[]> index) =>
        index.Count == 0 ? null : index.ToFrozenDictionary(StringComparer.Ordinal);

    private static ulong[] RulesOf(Dictionary<string, ulong[]> index, string key, int words) =>
        index.TryGetValue(key, out var rules) ? rules : index[key] = new ulong[words];

    /// <summary>The strings of an entry such as <c>"Kita","Minami"</c>: it matches a string input equal (ordinally) to one of them, nothing else.</summary>
    private static string[]? StringConstants(Node node) =>
        node is InNode { Value: NameRef { Name: "?" }, Tests: var tests } && tests.All(t => t is Literal { Value: string })
            ? [.. tests.Select(t => (string)((Literal)t).Value!)]
            : null;

    /// <summary>The string of an entry <c>list contains(?, "constant")</c>.</summary>
    private static string? ListMember(Node node) =>
        node is InNode { Value: NameRef { Name: "?" }, Tests: [InvokeNode { Callee: NameRef { Name: ListContains }, Positional: [NameRef { Name: "?" }, Literal { Value: string member }], Named: null }] }
            ? member
            : null;

    private const string ListContains = "list contains";

    /// <summary>Whether <c>list contains</c> in this scope is certainly the builtin.</summary>
    private static bool BuiltinListContains(Scope scope) => scope.TryBuiltin(ListContains, out _);

    private static bool Intersects(ulong[] mask, Span<ulong> alive)
    {
        for (var i = 0; i < mask.Length; i++)
        {
            if ((mask[i] & alive[i]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void Or(Span<ulong> target, ulong[] mask)
    {
        for (var i = 0; i < mask.Length; i++)
        {
            target[i] |= mask[i];
        }
    }
}
