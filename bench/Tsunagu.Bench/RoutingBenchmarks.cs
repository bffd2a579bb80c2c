using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Bench;

/// <summary>The routing table: engine and NRules rows vs hand-written if chain (ratio column), and load+compile from XML.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RoutingBenchmarks
{
    /// <summary>Each invocation walks this many varied people, so branch prediction cannot learn one path.</summary>
    public const int Batch = 16;

    private byte[] _xml = [];
    private DmnModel _model = null!;
    private IReadOnlyDictionary<string, object?>[] _people = [];
    private RoutingRuleTable _rules = null!;

    [GlobalSetup]
    public void Setup()
    {
        _xml = RoutingScenario.Xml;
        _model = RoutingScenario.Load(_xml);
        RoutingScenario.Verify(_model);
        _people = RoutingScenario.People(Batch, seed: 42);
        _rules = new RoutingRuleTable(_model);
        _rules.Verify();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Evaluate")]
    public FeelList? IfChain()
    {
        FeelList? last = null;
        foreach (var person in _people)
        {
            last = RoutingIfChain.Evaluate(person);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Evaluate")]
    public DecisionResult? Engine()
    {
        DecisionResult? last = null;
        foreach (var person in _people)
        {
            last = _model.Evaluate(RoutingScenario.Decision, person);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Evaluate")]
    public FeelList? NRules()
    {
        FeelList? last = null;
        foreach (var person in _people)
        {
            last = _rules.Evaluate(person);
        }

        return last;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Load")]
    public DmnModel LoadAndCompile() => RoutingScenario.Load(_xml);
}
