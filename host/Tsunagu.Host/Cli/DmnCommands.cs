using System.CommandLine;
using System.Text.Json;
using Tsunagu.Conformance.Tck;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Values;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Host.Cli;

/// <summary><c>tsunagu dmn tck DIR</c> and <c>tsunagu dmn eval MODEL DECISION --input FILE</c>.</summary>
public static class DmnCommands
{
    public static Command Create()
    {
        var dmn = new Command("dmn", "DMN decision models");
        dmn.Subcommands.Add(Tck());
        dmn.Subcommands.Add(Eval());
        return dmn;
    }

    private static Command Tck()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "A DMN TCK folder (e.g. ../shared/dmn-tck)" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON to this file" };
        var command = new Command("tck", "Run the DMN TCK test cases under a folder") { dir, json };
        command.SetAction(result =>
        {
            var root = result.GetValue(dir)!;
            if (!root.Exists)
            {
                Console.Error.WriteLine($"No such folder: {root.FullName}");
                return 2;
            }

            var report = TckRunner.Run(root.FullName);
            foreach (var f in report.Failures)
            {
                Console.WriteLine($"FAIL {f.Folder} #{f.CaseId} {f.Node}: expected {f.Expected}, actual {f.Actual}{(string.IsNullOrEmpty(f.Detail) ? "" : $" [{f.Detail}]")}");
            }

            foreach (var (level, counts) in report.Levels)
            {
                Console.WriteLine($"{level}: {counts.Passed} passed, {counts.Failed} failed");
            }

            if (result.GetValue(json) is { } file)
            {
                File.WriteAllText(file.FullName, JsonSerializer.Serialize(new
                {
                    passed = report.Passed,
                    failed = report.Failed,
                    levels = report.Levels.ToDictionary(l => l.Key, l => new { passed = l.Value.Passed, failed = l.Value.Failed }),
                    failures = report.Failures,
                }));
            }

            Console.WriteLine($"{report.Passed} passed, {report.Failed} failed");
            return report.Failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Eval()
    {
        var model = new Argument<FileInfo>("model") { Description = "A .dmn file" };
        var decision = new Argument<string>("decision") { Description = "The decision to evaluate" };
        var input = new Option<FileInfo?>("--input") { Description = "A JSON object of inputs (default: {})" };
        var command = new Command("eval", "Evaluate one decision and print the result with its explanation as JSON") { model, decision, input };
        command.SetAction(result =>
        {
            try
            {
                using var stream = result.GetValue(model)!.OpenRead();
                var loaded = DmnModel.Load(stream);
                using var inputs = JsonDocument.Parse(result.GetValue(input) is { } f ? File.ReadAllText(f.FullName) : "{}");
                Write(loaded.Evaluate(result.GetValue(decision)!, inputs.RootElement));
                return 0;
            }
            catch (Exception e) when (e is ModelParseException or DmnEvaluationException or JsonException or IOException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }

    private static void Write(DecisionResult result)
    {
        using var buffer = new MemoryStream();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("decision", result.Name);
        writer.WritePropertyName("value");
        FeelValue.WriteJson(writer, result.Value);
        writer.WriteString("decisionVersion", result.VersionHash);
        writer.WriteStartArray("matches");
        foreach (var match in result.Matches)
        {
            writer.WriteStartObject();
            writer.WriteString("owner", match.Owner);
            writer.WriteString("table", match.TableId);
            writer.WriteStartArray("rules");
            foreach (var rule in match.Rules)
            {
                writer.WriteStartObject();
                writer.WriteNumber("number", rule.Number);
                writer.WriteString("id", rule.Id);
                writer.WriteStartObject("annotations");
                for (var i = 0; i < match.AnnotationClauses.Count && i < rule.Annotations.Count; i++)
                {
                    writer.WriteString(match.AnnotationClauses[i], rule.Annotations[i]);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("diagnostics");
        foreach (var d in result.Diagnostics)
        {
            writer.WriteStringValue(d);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
