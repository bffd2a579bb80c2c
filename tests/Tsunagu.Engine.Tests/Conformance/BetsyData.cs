using System.Text.Json;
using Tsunagu.Engine.Model;
using Tsunagu.Engine.Parsing;
using Tsunagu.Engine.Validation;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Engine.Tests.Conformance;

/// <summary>The betsy conformance data in ../shared/bpmn-betsy next to the repository (read in place, never copied).</summary>
internal static class BetsyData
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string Root => Folder.Value;

    /// <summary>The executable test files of tests.json, each with whether its only expected outcome is an error.</summary>
    public static IEnumerable<(string File, bool ExpectsOnlyError)> ExecutableFiles()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "tests.json")));
        foreach (var test in manifest.RootElement.EnumerateArray())
        {
            var expected = test.GetProperty("cases").EnumerateArray()
                .Select(c => string.Join(",", c.GetProperty("expected").EnumerateArray().Select(e => e.GetString())));
            yield return (test.GetProperty("file").GetString()!, expected.All(e => e == "ERROR"));
        }
    }

    public static IEnumerable<string> ConstraintFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "constraints"), "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Parses and validates: the errors, or one pseudo-error for a parse failure.</summary>
    public static IReadOnlyList<BpmnValidationError> Check(string path)
    {
        BpmnDefinitions definitions;
        try
        {
            using var stream = File.OpenRead(path);
            definitions = BpmnParser.Parse(stream);
        }
        catch (ModelParseException e)
        {
            return [new BpmnValidationError { Code = "PARSE", Line = e.Line, Column = e.Column, ElementId = e.ElementId, Message = e.Message }];
        }

        return BpmnValidator.Validate(definitions);
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tsunagu.slnx")))
            {
                var betsy = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "bpmn-betsy"));
                return Directory.Exists(betsy)
                    ? betsy
                    : throw new InvalidOperationException($"The betsy conformance data is missing: expected it at {betsy} (../shared/bpmn-betsy next to the repository).");
            }
        }

        throw new InvalidOperationException($"No Tsunagu.slnx above {AppContext.BaseDirectory}: cannot locate ../shared/bpmn-betsy.");
    }
}
