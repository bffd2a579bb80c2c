using System.Linq.Expressions;
using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Routing.Rules;
using Tsunagu.Rules.Feel;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>An entry compiled to a direct condition matches exactly the facts its FEEL unary tests match.</summary>
[TestClass]
public sealed class DirectConditionsTests
{
    private static readonly int?[] Ages = [null, -2, 0, 2, 3, 4, 17, 18, 19, 64, 65];
    private static readonly string[] Concerns = ["a", "b", "c", "", "A"];

    [TestMethod]
    [DataRow("subject concern.concern", "\"a\"")]
    [DataRow("subject concern.concern", "\"a\",\"b\"")]
    [DataRow("subject concern.concern", " \"a\" , \"c\" ")]
    [DataRow("subject concern.concern", "not(\"a\")")]
    [DataRow("subject concern.concern", "not(\"a\", \"b\")")]
    [DataRow("subject concern.age", "< 3")]
    [DataRow("subject concern.age", "<= 3")]
    [DataRow("subject concern.age", "> 18")]
    [DataRow("subject concern.age", ">= 18, null")]
    [DataRow("subject concern.age", ">= -1")]
    [DataRow("subject concern.age", "< 2.5")]
    public void TryCompile_SimpleEntry_MatchesAsFeelDoes(string path, string entry)
    {
        var fact = Expression.Parameter(typeof(SubjectConcern), "fact");
        var condition = DirectConditions.TryCompile(fact, path, entry);
        Assert.IsNotNull(condition, "a simple entry compiles to a direct condition");
        var direct = Expression.Lambda<Func<SubjectConcern, bool>>(condition, fact).Compile();
        var feel = new TableCell(path, FeelUnaryTests.Compile(entry));

        foreach (var age in Ages)
        {
            foreach (var concern in Concerns)
            {
                var subjectConcern = new SubjectConcern(new Subject("person", 0, new RoutingPerson { Age = age }, null), concern, 0);
                Assert.AreEqual(feel.Matches(subjectConcern), direct(subjectConcern), $"{entry} on age {age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, concern '{concern}'");
            }
        }
    }

    [TestMethod]
    [DataRow("true")]
    [DataRow("false")]
    public void TryCompile_BooleanEntry_MatchesAsFeelDoes(string entry)
    {
        var fact = Expression.Parameter(typeof(Coordination), "fact");
        var direct = Expression.Lambda<Func<Coordination, bool>>(DirectConditions.TryCompile(fact, "coordination.required", entry)!, fact).Compile();
        var feel = new TableCell("coordination.required", FeelUnaryTests.Compile(entry));

        foreach (var required in new[] { true, false })
        {
            var coordination = new Coordination(required, [], ConsentStatus.Granted, new HouseholdPlacements([]));
            Assert.AreEqual(feel.Matches(coordination), direct(coordination), $"{entry} on {required}");
        }
    }

    [TestMethod]
    [DataRow("subject concern.concern", "[1..2]")]
    [DataRow("subject concern.concern", "\"a\\\"b\"")]
    [DataRow("subject concern.age", "\"a\"")]
    [DataRow("subject concern.age", "[1..5]")]
    [DataRow("subject concern.unknown", "\"a\"")]
    public void TryCompile_OtherEntry_IsLeftToFeel(string path, string entry) =>
        Assert.IsNull(DirectConditions.TryCompile(Expression.Parameter(typeof(SubjectConcern), "fact"), path, entry));
}
