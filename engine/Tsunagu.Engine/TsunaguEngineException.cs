namespace Tsunagu.Engine;

/// <summary>
/// The one base of the process engine's errors. Callers map the subclasses: not found, not allowed in the instance's
/// state, a concurrent change, a model refused at deployment, a run over its budget, a failed script or decision, and
/// the BPMN error a handler raises on purpose.
/// </summary>
public abstract class TsunaguEngineException : Exception
{
    protected TsunaguEngineException()
    {
    }

    protected TsunaguEngineException(string message)
        : base(message)
    {
    }

    protected TsunaguEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
