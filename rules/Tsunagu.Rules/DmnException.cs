namespace Tsunagu.Rules;

/// <summary>
/// The one base of the rules library's errors: a model document that cannot be read (<see cref="Xml.ModelParseException"/>),
/// FEEL that does not parse (<see cref="Feel.Syntax.FeelSyntaxException"/>), a decision that cannot be evaluated with the
/// inputs given (<see cref="Dmn.Evaluation.DmnEvaluationException"/>). All are the caller's input, never a fault of the engine.
/// </summary>
public abstract class DmnException : Exception
{
    protected DmnException()
    {
    }

    protected DmnException(string message)
        : base(message)
    {
    }

    protected DmnException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
