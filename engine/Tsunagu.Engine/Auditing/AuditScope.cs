namespace Tsunagu.Engine.Auditing;

/// <summary>
/// The operation an edge (an HTTP request, a CLI verb) performs on behalf of someone. While a scope is open on the
/// current async flow, every instance commit the engine makes carries the scope's audit record for that instance's
/// case (business key), once per case, in the same transaction as the change. What no commit recorded (a read, a
/// refusal) the edge appends itself after the operation.
/// </summary>
public sealed class AuditScope : IDisposable
{
    private static readonly AsyncLocal<AuditScope?> Ambient = new();
    private readonly AuditScope? _outer;
    private readonly HashSet<string> _recorded = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private AuditScope(Func<string?, AuditRecord> record)
    {
        Record = record;
        _outer = Ambient.Value;
        Ambient.Value = this;
    }

    /// <summary>The open scope of this async flow, if any.</summary>
    public static AuditScope? Current => Ambient.Value;

    /// <summary>Builds the record for a case (null: not about one case); the outcome is that of the commit, success.</summary>
    public Func<string?, AuditRecord> Record { get; }

    public static AuditScope Begin(Func<string?, AuditRecord> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditScope(record);
    }

    /// <summary>
    /// The record a write about <paramref name="caseId"/> (null: about no case, e.g. a meeting) should carry in its
    /// transaction, or none when an earlier write of this scope already carried it. Store adapters call this.
    /// </summary>
    public IReadOnlyList<AuditRecord> PendingFor(string? caseId)
    {
        lock (_gate)
        {
            return _recorded.Contains(caseId ?? "") ? [] : [Record(caseId)];
        }
    }

    /// <summary>The write carrying the record for <paramref name="caseId"/> committed.</summary>
    public void Committed(string? caseId)
    {
        lock (_gate)
        {
            _recorded.Add(caseId ?? "");
        }
    }

    /// <summary>Whether any write of this scope carried its record.</summary>
    public bool AnyRecorded
    {
        get
        {
            lock (_gate)
            {
                return _recorded.Count > 0;
            }
        }
    }

    public void Dispose() => Ambient.Value = _outer;
}
