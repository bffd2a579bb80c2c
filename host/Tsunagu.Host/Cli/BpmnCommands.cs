using System.CommandLine;
using Tsunagu.Conformance.Betsy;

namespace Tsunagu.Host.Cli;

/// <summary><c>tsunagu bpmn conformance DIR</c>: the betsy conformance run.</summary>
public static class BpmnCommands
{
    public static Command Create()
    {
        var bpmn = new Command("bpmn", "BPMN process models");
        var dir = new Argument<DirectoryInfo>("dir") { Description = "The betsy conformance folder (with tests.json), e.g. ../shared/bpmn-betsy" };
        var conformance = new Command("conformance", "Run every betsy case through the engine and check that every constraint model is refused") { dir };
        conformance.SetAction(async (result, cancellation) =>
        {
            var root = result.GetValue(dir)!;
            if (!File.Exists(Path.Combine(root.FullName, "tests.json")))
            {
                await Console.Error.WriteLineAsync($"No tests.json in {root.FullName}");
                return 2;
            }

            var report = await BetsyRunner.RunAsync(root.FullName, cancellation);
            foreach (var f in report.Failures)
            {
                await Console.Out.WriteLineAsync($"FAIL {f.Group}/{f.Name} case {f.Case}: expected [{string.Join(", ", f.Expected)}], actual [{string.Join(", ", f.Actual)}]");
            }

            foreach (var model in report.ConstraintsAccepted)
            {
                await Console.Out.WriteLineAsync($"NOT REFUSED constraints/{model}");
            }

            await Console.Out.WriteLineAsync($"constraints: {report.ConstraintsRefused} of {report.ConstraintModels} refused");
            await Console.Out.WriteLineAsync($"{report.Passed} passed, {report.Failed} failed");
            return report.Failed == 0 && report.ConstraintsAccepted.Count == 0 ? 0 : 1;
        });
        bpmn.Subcommands.Add(conformance);
        return bpmn;
    }
}
