namespace Tsunagu.Rules.Dmn.Evaluation;

/// <summary>A call the model cannot answer at all: an unknown decision or invocable, or inputs that are not FEEL values.</summary>
public sealed class DmnEvaluationException : DmnException
{
    public DmnEvaluationException()
    {
    }

    public DmnEvaluationException(string message)
        : base(message)
    {
    }

    public DmnEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
