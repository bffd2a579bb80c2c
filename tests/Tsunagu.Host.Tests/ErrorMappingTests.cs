using Tsunagu.Cases;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Errors;
using Tsunagu.Rules;
using Tsunagu.Rules.Dmn.Evaluation;
using Tsunagu.Rules.Feel.Syntax;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Host.Tests;

/// <summary>Errors are mapped once, by type: every rules and domain input error is a 4xx; a guard clause is the server's fault.</summary>
[TestClass]
public sealed class ErrorMappingTests
{
    public static IEnumerable<object[]> Cases() =>
    [
        [new ModelParseException("bad"), 400],
        [new FeelSyntaxException("bad"), 400],
        [new DmnEvaluationException("bad"), 400],
        [new EngineNotFoundException("gone"), 404],
        [new EngineStateException("ended"), 409],
        [new ConcurrencyConflictException("raced"), 409],
        [new CaseInputException("field", "bad"), 400],
        [new CaseNotFoundException("hidden"), 404],
        [new CaseRuleException("field", "refused"), 422],
        [new ArgumentException("a guard clause"), 500],
        [new InvalidOperationException("a bug"), 500],
    ];

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void StatusFor_ByType_ClientMistakesAre4xxAndBugs500(Exception exception, int status) =>
        Assert.AreEqual(status, ClientErrorHandler.StatusFor(exception), exception.GetType().Name);

    [TestMethod]
    public void ExceptionTypes_EachLibraryHasOneBase()
    {
        Assert.IsTrue(typeof(ModelParseException).IsSubclassOf(typeof(DmnException)));
        Assert.IsTrue(typeof(FeelSyntaxException).IsSubclassOf(typeof(DmnException)));
        Assert.IsTrue(typeof(DmnEvaluationException).IsSubclassOf(typeof(DmnException)));
        var engineTypes = typeof(ProcessEngine).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(Exception))).ToList();
        Assert.IsTrue(engineTypes.All(t => t.IsSubclassOf(typeof(TsunaguEngineException)) || t == typeof(TsunaguEngineException)), string.Join(", ", engineTypes));
        var caseTypes = typeof(CasesException).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(Exception))).ToList();
        Assert.IsTrue(caseTypes.All(t => t.IsSubclassOf(typeof(CasesException)) || t == typeof(CasesException)), string.Join(", ", caseTypes));
    }
}
