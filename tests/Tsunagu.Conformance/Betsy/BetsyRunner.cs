using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Parsing;
using Tsunagu.Engine.Runtime;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Validation;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Conformance.Betsy;

/// <summary>
/// Runs the betsy BPMN conformance data through the real engine: each case deploys its model on a fresh in-memory
/// store, starts the process, advances a manual clock by the case's wait, and compares the sorted trace.
/// </summary>
public static class BetsyRunner
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static async Task<BetsyReport> RunAsync(string directory, CancellationToken cancellationToken = default)
    {
        var tests = JsonSerializer.Deserialize<List<BetsyTest>>(await File.ReadAllTextAsync(Path.Combine(directory, "tests.json"), cancellationToken))
            ?? throw new InvalidDataException("tests.json is empty.");
        var failures = new List<BetsyFailure>();
        var passed = 0;
        foreach (var test in tests)
        {
            for (var i = 0; i < test.Cases.Count; i++)
            {
                var actual = await RunCaseAsync(directory, test, test.Cases[i], cancellationToken);
                var expected = test.Cases[i].Expected.Order(StringComparer.Ordinal).ToList();
                if (Matches(expected, actual))
                {
                    passed++;
                }
                else
                {
                    failures.Add(new BetsyFailure(test.Group, test.Name, i + 1, expected, actual));
                }
            }
        }

        var (models, accepted) = CheckConstraints(Path.Combine(directory, "constraints"));
        return new BetsyReport(passed, failures.Count, failures, models, models - accepted.Count, accepted);
    }

    /// <summary>Sorted words equal, where an expected <c>ERROR</c> accepts any one ERROR_ word.</summary>
    private static bool Matches(List<string> expected, List<string> actual)
    {
        if (expected.Count != actual.Count)
        {
            return false;
        }

        var remaining = actual.ToList();
        foreach (var word in expected.Where(w => w != "ERROR"))
        {
            if (!remaining.Remove(word))
            {
                return false;
            }
        }

        return remaining.All(w => w.StartsWith("ERROR_", StringComparison.Ordinal));
    }

    private static async Task<List<string>> RunCaseAsync(string directory, BetsyTest test, BetsyCase @case, CancellationToken cancellationToken)
    {
        var xml = await File.ReadAllTextAsync(Path.Combine(directory, test.File), cancellationToken);
        var variables = @case.Variables.ToDictionary(v => v.Key, v => JsonNode.Parse(v.Value.GetRawText()), StringComparer.Ordinal);
        var trace = await RunModelAsync(xml, test.ProcessId, variables, TimeSpan.FromMilliseconds(@case.WaitMs), @case.StartParallelProcessFirst, cancellationToken);
        return [.. trace.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Deploys one model with the marker script runner, starts <paramref name="processId"/>, lets <paramref name="wait"/>
    /// pass on a manual clock and returns the trace in the order it was written, end words last.
    /// </summary>
    public static async Task<List<string>> RunModelAsync(string xml, string processId, IReadOnlyDictionary<string, JsonNode?> variables, TimeSpan wait, bool startParallelProcessFirst = false, CancellationToken cancellationToken = default)
    {
        var trace = new List<string>();
        var clock = new FakeTimeProvider(Epoch);
        ProcessEngine engine;
        try
        {
            var definitions = BpmnParser.Parse(xml);
            engine = new ProcessEngine(new InMemoryProcessStore(), new EngineOptions
            {
                Time = clock,
                ScriptRunners = new Dictionary<string, IScriptRunner> { [""] = new BetsyScriptRunner(definitions, trace) },
            });
            await engine.DeployAsync(xml, processId, cancellationToken);
        }
        catch (Exception e) when (e is ModelParseException or BpmnDeploymentException)
        {
            trace.Add("ERROR_deployment");
            return trace;
        }

        var instances = new List<Guid>();
        if (startParallelProcessFirst)
        {
            instances.Add(await engine.StartInstanceAsync("ParallelProcess", variables, cancellationToken: cancellationToken));
        }

        instances.Add(await engine.StartInstanceAsync(processId, variables, cancellationToken: cancellationToken));
        await AdvanceAsync(engine, clock, wait, cancellationToken);
        foreach (var id in instances)
        {
            trace.AddRange(EndWords(await engine.GetStateAsync(id, cancellationToken)));
        }

        return trace;
    }

    /// <summary>Moves the clock to each due job in turn (never past the wait), running what falls due.</summary>
    private static async Task AdvanceAsync(ProcessEngine engine, FakeTimeProvider clock, TimeSpan wait, CancellationToken cancellationToken)
    {
        var end = clock.GetUtcNow() + wait;
        for (var guard = 0; guard < 10_000; guard++)
        {
            await engine.RunDueJobsAsync(1000, cancellationToken);
            var next = await engine.Store.GetNextDueAsync(cancellationToken);
            if (next is null || next > end)
            {
                break;
            }

            clock.SetUtcNow(next.Value > clock.GetUtcNow() ? next.Value : clock.GetUtcNow());
        }

        clock.SetUtcNow(end);
    }

    private static IEnumerable<string> EndWords(InstanceState? state)
    {
        if (state is null)
        {
            yield break;
        }

        if (state.Status == InstanceStatus.Failed && state.EndReason?.StartsWith(Step.ErrorPrefix, StringComparison.Ordinal) == true)
        {
            yield return "ERROR_thrownErrorEvent";
        }
        else if (state.Status == InstanceStatus.Failed || state.Incidents.Count > 0)
        {
            yield return "ERROR_runtime";
        }

        if (state.UncaughtEscalations.Count > 0)
        {
            yield return "ERROR_thrownEscalationEvent";
        }
    }

    /// <summary>Every constraint model must be refused at deployment; returns the count and those that were not.</summary>
    private static (int Models, List<string> Accepted) CheckConstraints(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return (0, []);
        }

        var files = Directory.EnumerateFiles(directory, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var accepted = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var errors = BpmnValidator.Validate(BpmnParser.Parse(File.ReadAllText(file)));
                if (errors.Count == 0)
                {
                    accepted.Add(Path.GetRelativePath(directory, file));
                }
            }
            catch (ModelParseException)
            {
                // Refused while reading: counts as refused.
            }
        }

        return (files.Count, accepted);
    }
}
