using System.Text;
using System.Text.Json.Nodes;
using Tsunagu.Engine.Runtime;

namespace Tsunagu.Engine.Execution;

/// <summary>The limits of one run (docs/adr/0008-engine-bounds.md): steps, live tokens, history, variable and job sizes.</summary>
internal sealed partial class Step
{
    /// <summary>What a history row costs besides its payload (ids, kind, actor, time), for the history budget.</summary>
    private const int HistoryRowBytes = 256;

    /// <summary>An entry of an oversized history payload that is kept as it is (names, ids, short messages).</summary>
    private const int ShortEntryBytes = 1024;

    private int _executed;
    private long _historyBytes;

    /// <summary>All variable bytes of the instance as last counted; null until the first write counts them.</summary>
    private long? _variableBytes;

    /// <summary>Counts one unit of work; a run past <see cref="EngineOptions.MaxStepsPerCommand"/> is stopped.</summary>
    private void Spend()
    {
        if (++_executed > _options.MaxStepsPerCommand)
        {
            throw new EngineLimitExceededException($"More than {_options.MaxStepsPerCommand} steps without reaching a wait state: a loop without a wait state?");
        }
    }

    private void CheckTokens()
    {
        if (_state.Tokens.Count > _options.MaxTokensPerInstance)
        {
            throw new EngineLimitExceededException($"More than {_options.MaxTokensPerInstance} live tokens in one instance.");
        }
    }

    /// <summary>
    /// Stops the tokens this command readied with an incident each instead of running them, after a run broke a limit;
    /// <see cref="ProcessEngine.RetryIncidentAsync"/> runs a token again. Without such tokens, or when the command alone
    /// takes the instance over the token cap (a non-interrupting event firing again and again), the limit goes to the caller.
    /// </summary>
    public void Suspend(EngineLimitExceededException limit)
    {
        CheckTokens();
        var readied = _agenda.Distinct().Where(t => t.Status == TokenStatus.Ready && _state.Tokens.Contains(t)).ToList();
        if (readied.Count == 0)
        {
            throw limit;
        }

        _agenda.Clear();
        foreach (var token in readied)
        {
            Incident(token, limit.Message);
        }
    }

    /// <summary>Size as stored: JSON text in UTF-8.</summary>
    private static long Bytes(JsonNode? node) => node is null ? 4 : Encoding.UTF8.GetByteCount(node.ToJsonString());

    private static long Bytes(string name, JsonNode? value) => Encoding.UTF8.GetByteCount(name) + Bytes(value);

    private long VariableBytes() => _state.Scopes.Sum(s => s.Variables.Sum(v => Bytes(v.Key, v.Value)));

    /// <summary>Refuses a value over <see cref="EngineOptions.MaxVariableBytes"/> or one that takes the instance over its total.</summary>
    private void CheckVariable(ScopeState scope, string name, JsonNode? value)
    {
        var size = Bytes(value);
        if (size > _options.MaxVariableBytes)
        {
            throw new EngineLimitExceededException($"Variable '{name}' is {size} bytes; at most {_options.MaxVariableBytes} are allowed.");
        }

        var delta = Encoding.UTF8.GetByteCount(name) + size - (scope.Variables.TryGetValue(name, out var old) ? Bytes(name, old) : 0);
        _variableBytes = (_variableBytes ?? VariableBytes()) + delta;

        // Removed scopes are not subtracted as they go, so a count over the limit is made again before refusing.
        if (_variableBytes > _options.MaxInstanceVariableBytes && (_variableBytes = VariableBytes() + delta) > _options.MaxInstanceVariableBytes)
        {
            throw new EngineLimitExceededException($"Setting '{name}' takes the instance's variables to {_variableBytes} bytes; at most {_options.MaxInstanceVariableBytes} are allowed.");
        }
    }

    private void CheckJobPayload(JsonObject? payload)
    {
        if (payload is not null && Bytes(payload) is var size && size > _options.MaxJobPayloadBytes)
        {
            throw new EngineLimitExceededException($"A job payload of {size} bytes is over the {_options.MaxJobPayloadBytes} allowed.");
        }
    }

    /// <summary>
    /// Keeps a history payload within <see cref="EngineOptions.MaxHistoryPayloadBytes"/> (short entries stay, the rest
    /// is elided) and counts it against the run's history budget.
    /// </summary>
    private JsonObject? Bounded(JsonObject? data)
    {
        var size = data is null ? 0 : Bytes(data);
        if (data is not null && size > _options.MaxHistoryPayloadBytes)
        {
            var kept = new JsonObject();
            long room = _options.MaxHistoryPayloadBytes / 2;
            foreach (var (name, value) in data)
            {
                var entry = Bytes(name, value);
                if (entry <= ShortEntryBytes && (room -= entry) >= 0)
                {
                    kept[name] = value?.DeepClone();
                }
            }

            kept["elidedBytes"] = size;
            data = kept;
            size = Bytes(kept);
        }

        _historyBytes += HistoryRowBytes + size;
        if (_historyBytes > _options.MaxHistoryBytesPerCommand)
        {
            throw new EngineLimitExceededException($"More than {_options.MaxHistoryBytesPerCommand} bytes of history in one step.");
        }

        return data;
    }
}
