using System.Text;

namespace Tsunagu.Engine.Tests.Properties;

/// <summary>
/// Writes a random BPMN document from a seed: a chain of random nodes (tasks, scripts, gateways of every kind, timer and
/// message catches, embedded subprocesses) plus random extra and backward flows, flow conditions, defaults and boundary
/// events. Many are valid; some are broken on purpose (a dangling reference, a cut-off document) and must be refused.
/// </summary>
internal sealed class RandomGraph
{
    /// <summary>The message every catch waits for; the test correlates it without a key.</summary>
    public const string MessageName = "m1";

    private static readonly string[] Kinds =
        ["userTask", "scriptTask", "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "timerCatch", "messageCatch", "subProcess"];

    private static readonly string[] Conditions = ["x &gt; 2", "x &lt; 3", "x = null", "flag = true", "true", "false", "x"];

    private static readonly string[] Scripts =
        ["{ x: if x = null then 1 else x + 1 }", "{ flag: x &gt; 1 }", "{ x: 0, flag: false }", "{ y: [x, x] }"];

    private readonly Random _random;
    private readonly StringBuilder _xml = new();
    private int _ids;

    private RandomGraph(int seed) => _random = new Random(seed);

    /// <summary>The document for <paramref name="seed"/>: the same seed always gives the same text.</summary>
    public static string Write(int seed)
    {
        var graph = new RandomGraph(seed);
        graph._xml.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                              xmlns:tsunagu="https://tsunagu.dev/schema/bpmn" id="D" targetNamespace="https://tsunagu.dev/random">
              <bpmn:message id="Msg" name="m1" />
              <bpmn:error id="Err" errorCode="E1" />
              <bpmn:process id="random" isExecutable="true">
            """);
        graph.Scope(depth: 0);
        graph._xml.Append("</bpmn:process></bpmn:definitions>");
        var xml = graph._xml.ToString();
        if (graph.Chance(0.04))
        {
            return xml[..graph._random.Next(xml.Length)];
        }

        var target = xml.IndexOf("targetRef=\"", graph._random.Next(xml.Length / 2), StringComparison.Ordinal);
        return graph.Chance(0.05) && target > 0 ? xml.Insert(target + "targetRef=\"".Length, "nowhere-") : xml;
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private string NewId(string prefix) => $"{prefix}{++_ids}";

    /// <summary>One scope: a start event, 2–7 random nodes, one or two end events, and the flows between them.</summary>
    private void Scope(int depth)
    {
        var nodes = new List<(string Id, string Kind)> { (NewId("start"), "start") };
        var count = _random.Next(2, depth == 0 ? 8 : 5);
        for (var i = 0; i < count; i++)
        {
            var kind = Pick(Kinds);
            nodes.Add((NewId(kind), kind == "subProcess" && depth >= 2 ? "userTask" : kind));
        }

        var ends = Chance(0.5) ? 2 : 1;
        for (var i = 0; i < ends; i++)
        {
            nodes.Add((NewId("end"), depth > 0 && Chance(0.3) ? "errorEnd" : "end"));
        }

        var flows = new List<(string Source, string Target)>();
        for (var i = 0; i < nodes.Count - ends; i++)
        {
            if (nodes[i].Kind == "eventBasedGateway")
            {
                Choice(nodes[i].Id, nodes[i + 1].Id, nodes[_random.Next(1, nodes.Count)].Id);
                continue;
            }

            flows.Add((nodes[i].Id, nodes[i + 1].Id));
            if (i > 0 && (nodes[i].Kind.EndsWith("Gateway", StringComparison.Ordinal) || Chance(0.45)))
            {
                // Mostly forward; sometimes back to an earlier node (a loop).
                var target = Chance(0.3) ? _random.Next(1, i + 1) : _random.Next(i + 1, nodes.Count);
                flows.Add((nodes[i].Id, nodes[target].Id));
            }
        }

        if (ends == 2)
        {
            var source = nodes[_random.Next(1, nodes.Count - ends)];
            flows.Add((source.Kind == "eventBasedGateway" ? nodes[0].Id : source.Id, nodes[^1].Id));
        }

        foreach (var (id, kind) in nodes)
        {
            Node(id, kind, flows.Where(f => f.Source == id).Select(f => f.Target).ToList(), depth);
            if (kind is "userTask" or "scriptTask" or "subProcess" && Chance(0.3))
            {
                Boundary(id, nodes[_random.Next(1, nodes.Count)].Id, depth > 0 || kind == "subProcess");
            }
        }
    }

    private void Node(string id, string kind, List<string> targets, int depth)
    {
        var withDefault = kind is "exclusiveGateway" or "inclusiveGateway" && targets.Count > 1 && Chance(0.5);
        if (kind == "subProcess")
        {
            _xml.Append($"<bpmn:subProcess id=\"{id}\">");
            Scope(depth + 1);
            _xml.Append("</bpmn:subProcess>");
        }
        else
        {
            _xml.Append(kind switch
            {
                "start" => $"<bpmn:startEvent id=\"{id}\" />",
                "end" => $"<bpmn:endEvent id=\"{id}\" />",
                "errorEnd" => $"<bpmn:endEvent id=\"{id}\"><bpmn:errorEventDefinition errorRef=\"Err\" /></bpmn:endEvent>",
                "scriptTask" => $"<bpmn:scriptTask id=\"{id}\" scriptFormat=\"application/feel\"><bpmn:script>{Pick(Scripts)}</bpmn:script></bpmn:scriptTask>",
                "timerCatch" => Catch(id, Timer()),
                "messageCatch" => Catch(id, MessageDefinition()),
                _ => $"<bpmn:{kind} id=\"{id}\"{(withDefault ? $" default=\"{id}-f0\"" : "")} />",
            });
        }

        for (var i = 0; i < targets.Count; i++)
        {
            var conditional = kind is "exclusiveGateway" or "inclusiveGateway" or "userTask" or "scriptTask"
                && targets.Count > 1 && !(i == 0 && withDefault)
                && Chance(kind.EndsWith("Gateway", StringComparison.Ordinal) ? 0.8 : 0.2);
            Flow($"{id}-f{i}", id, targets[i], conditional);
        }
    }

    /// <summary>An event-based gateway choosing between a timer and the message, each going on to its own target.</summary>
    private void Choice(string gateway, string first, string second)
    {
        var timer = NewId("timerCatch");
        var message = NewId("messageCatch");
        _xml.Append(Catch(timer, Timer())).Append(Catch(message, MessageDefinition()));
        Flow($"{gateway}-f0", gateway, timer, conditional: false);
        Flow($"{gateway}-f1", gateway, message, conditional: false);
        Flow($"{timer}-f0", timer, first, conditional: false);
        Flow($"{message}-f0", message, second, conditional: false);
    }

    private void Boundary(string attachedTo, string target, bool error)
    {
        var id = NewId("boundary");
        var definition = error && Chance(0.4) ? "<bpmn:errorEventDefinition errorRef=\"Err\" />" : Chance(0.5) ? Timer() : MessageDefinition();
        var interrupting = definition.Contains("error", StringComparison.Ordinal) || Chance(0.6);
        _xml.Append($"<bpmn:boundaryEvent id=\"{id}\" attachedToRef=\"{attachedTo}\" cancelActivity=\"{(interrupting ? "true" : "false")}\">{definition}</bpmn:boundaryEvent>");
        Flow($"{id}-f0", id, target, conditional: false);
    }

    private void Flow(string id, string source, string target, bool conditional)
    {
        var condition = conditional ? $"<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">{Pick(Conditions)}</bpmn:conditionExpression>" : "";
        _xml.Append($"<bpmn:sequenceFlow id=\"{id}\" sourceRef=\"{source}\" targetRef=\"{target}\">{condition}</bpmn:sequenceFlow>");
    }

    private static string Catch(string id, string definition) => $"<bpmn:intermediateCatchEvent id=\"{id}\">{definition}</bpmn:intermediateCatchEvent>";

    private string Timer() =>
        $"<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">PT{_random.Next(1, 3)}H</bpmn:timeDuration></bpmn:timerEventDefinition>";

    private static string MessageDefinition() =>
        "<bpmn:extensionElements><tsunagu:correlation key=\"ck\" /></bpmn:extensionElements><bpmn:messageEventDefinition messageRef=\"Msg\" />";
}
