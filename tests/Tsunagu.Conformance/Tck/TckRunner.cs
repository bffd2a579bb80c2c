using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel.Values;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Conformance.Tck;

/// <summary>A failed TCK case: where, which result node, what was expected and what came out.</summary>
public sealed record TckFailure(string Folder, string CaseId, string Node, string Expected, string Actual, string? Detail);

/// <summary>Passed/failed counts per top-level folder (compliance level) and in total.</summary>
public sealed record TckReport(IReadOnlyDictionary<string, (int Passed, int Failed)> Levels, IReadOnlyList<TckFailure> Failures)
{
    public int Passed => Levels.Values.Sum(l => l.Passed);

    public int Failed => Levels.Values.Sum(l => l.Failed);
}

/// <summary>Runs DMN TCK test-case files against their models through the real engine.</summary>
public static class TckRunner
{
    public static TckReport Run(string rootDir, TimeProvider? time = null)
    {
        var levels = new SortedDictionary<string, (int Passed, int Failed)>(StringComparer.Ordinal);
        var failures = new List<TckFailure>();
        foreach (var folder in TckSuite.FindTestFiles(rootDir).GroupBy(f => Path.GetDirectoryName(f)!))
        {
            var level = LevelOf(rootDir, folder.Key);
            var models = LoadFolder(folder.Key);
            foreach (var path in folder)
            {
                var file = TckReader.Read(path);
                foreach (var testCase in file.TestCases)
                {
                    var failure = RunCase(models, file, testCase, Path.GetFileName(folder.Key), time);
                    var (passed, failed) = levels.GetValueOrDefault(level);
                    levels[level] = failure is null ? (passed + 1, failed) : (passed, failed + 1);
                    if (failure is not null)
                    {
                        failures.Add(failure);
                    }
                }
            }
        }

        return new TckReport(levels, failures);
    }

    private static string LevelOf(string root, string folder)
    {
        var relative = Path.GetRelativePath(root, folder);
        var first = relative.Split(Path.DirectorySeparatorChar)[0];
        return first == relative ? Path.GetFileName(Path.GetFullPath(root)) : first;
    }

    /// <summary>Every model of a folder, parsed; a model that does not parse is kept as its exception.</summary>
    private static Dictionary<string, object> LoadFolder(string folder)
    {
        var parsed = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.dmn"))
        {
            try
            {
                using var stream = File.OpenRead(file);
                parsed[Path.GetFileName(file)] = DmnParser.Parse(stream);
            }
            catch (ModelParseException e)
            {
                parsed[Path.GetFileName(file)] = e;
            }
        }

        var definitions = parsed.Values.OfType<DmnDefinitions>().ToList();
        var models = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in parsed)
        {
            models[name] = value is DmnDefinitions d ? DmnModel.Load(d, definitions.Where(o => o != d)) : value;
        }

        return models;
    }

    private static TckFailure? RunCase(Dictionary<string, object> models, TckTestFile file, TckTestCase testCase, string folder, TimeProvider? time)
    {
        var id = testCase.Id ?? testCase.Name ?? "?";
        var loaded = file.ModelName is null ? null : models.GetValueOrDefault(file.ModelName);
        if (loaded is not DmnModel model)
        {
            return new TckFailure(folder, id, "-", "a model", loaded is Exception e ? e.Message : "missing", null);
        }

        Dictionary<string, object?> inputs;
        try
        {
            inputs = testCase.InputNodes.ToDictionary(n => InputKey(model, n), n => TckValues.ToFeel(n.Value), StringComparer.Ordinal);
        }
        catch (FormatException e)
        {
            return new TckFailure(folder, id, "-", "valid inputs", e.Message, null);
        }

        foreach (var node in testCase.ResultNodes)
        {
            DecisionResult result;
            try
            {
                result = testCase.Type == TckTestCaseType.Decision
                    ? model.Evaluate(node.Name, inputs, time)
                    : model.Invoke(testCase.InvocableName ?? node.Name, inputs, time);
            }
            catch (DmnEvaluationException e)
            {
                return new TckFailure(folder, id, node.Name, "a result", e.Message, null);
            }

            var expected = node.Expected is null ? null : TckValues.ToFeel(node.Expected);
            var value = testCase.Type == TckTestCaseType.Decision ? result.Value : ServiceOutput(model, testCase.InvocableName, node.Name, result.Value);
            var ok = TckValues.Matches(expected, value) && (!node.ErrorResult || result.HasErrors);
            if (!ok)
            {
                var actual = TckValues.Show(value) + (node.ErrorResult && !result.HasErrors ? " (no error reported)" : "");
                return new TckFailure(folder, id, node.Name, TckValues.Show(expected), actual, string.Join(" | ", result.Diagnostics.Take(3)));
            }
        }

        return null;
    }

    /// <summary>
    /// A decision service with several output decisions returns a context of them; a result node names one of those
    /// decisions. With a single output the service's value is that decision's.
    /// </summary>
    private static object? ServiceOutput(DmnModel model, string? service, string node, object? value)
    {
        var outputs = model.Definitions.DecisionServices.FirstOrDefault(s => s.Name == service)?.OutputDecisions.Count ?? 0;
        return outputs > 1 && value is FeelContext context ? context.TryGet(node, out var entry) ? entry : null : value;
    }

    /// <summary>An input of an imported model is keyed by the import's name, as FEEL refers to it.</summary>
    private static string InputKey(DmnModel model, TckInputNode node)
    {
        if (node.Namespace is null || node.Namespace == model.Definitions.Namespace)
        {
            return node.Name;
        }

        var import = model.Definitions.Imports.FirstOrDefault(i => i.Namespace == node.Namespace);
        return import is null || string.IsNullOrEmpty(import.Name) ? node.Name : $"{import.Name}.{node.Name}";
    }
}
