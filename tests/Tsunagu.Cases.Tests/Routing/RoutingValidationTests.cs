using Tsunagu.Cases.Routing;
using Tsunagu.Cases.Tests.Packs;

namespace Tsunagu.Cases.Tests.Routing;

/// <summary>Input that breaks the contract is refused with the path of the offending field.</summary>
[TestClass]
public sealed class RoutingValidationTests
{
    private static string Case(string person, string household = "[]", string municipality = "matsudo", string consent = "granted") =>
        $$"""{ "municipality": "{{municipality}}", "person": {{person}}, "household": {{household}}, "consent": "{{consent}}" }""";

    [TestMethod]
    [DataRow("""{ "area": "大金", "concerns": [] }""", "[]", "person.area", DisplayName = "unknown area")]
    [DataRow("""{ "concerns": ["loneliness"] }""", "[]", "person.concerns[0]", DisplayName = "unknown concern of the person")]
    [DataRow("""{ "concerns": [] }""", """[ { "concerns": ["isolation", "gaming"] } ]""", "household[0].concerns[1]", DisplayName = "unknown concern of a member")]
    [DataRow("""{ "disability": "blind" }""", "[]", "person.disability", DisplayName = "unknown disability")]
    [DataRow("""{ }""", """[ { }, { "disability": "yes" } ]""", "household[1].disability", DisplayName = "unknown disability of a member")]
    [DataRow("""{ "concern": ["dementia"] }""", "[]", "person.concern", DisplayName = "misspelt field")]
    [DataRow("""{ "age": "82" }""", "[]", "person.age", DisplayName = "age as text")]
    [DataRow("""{ "age": -1 }""", "[]", "person.age", DisplayName = "negative age")]
    [DataRow("""{ "pregnant": "yes" }""", "[]", "person.pregnant", DisplayName = "pregnant as text")]
    [DataRow("""{ "concerns": "dementia" }""", "[]", "person.concerns", DisplayName = "concerns not a list")]
    [DataRow("""{ }""", """{ "age": 3 }""", "household", DisplayName = "household not a list")]
    public void Route_InvalidField_NamesThePath(string person, string household, string field) =>
        Assert.AreEqual(field, Samples.Invalid(Case(person, household)).Field);

    [TestMethod]
    public void Route_UnknownConsent_NamesConsent() =>
        Assert.AreEqual("consent", Samples.Invalid(Case("{ }", consent: "maybe")).Field);

    [TestMethod]
    [DataRow("kashiwa")]
    [DataRow("../matsudo")]
    [DataRow("Matsudo")]
    public void Route_UnknownMunicipality_NamesMunicipality(string municipality) =>
        Assert.AreEqual("municipality", Samples.Invalid(Case("{ }", municipality: municipality)).Field);

    [TestMethod]
    public void Route_MissingPerson_NamesPerson() =>
        Assert.AreEqual("person", Samples.Invalid("""{ "municipality": "matsudo" }""").Field);

    [TestMethod]
    public void Route_ElderlyConcernWithoutArea_RequiresArea()
    {
        var error = Samples.Invalid(Case("""{ "age": 82, "concerns": ["dementia"] }"""));

        Assert.AreEqual("person.area", error.Field);
        StringAssert.Contains(error.Message, "elderly-by-area");
    }

    [TestMethod]
    public void Route_MemberElderlyConcernWithoutArea_RequiresPersonArea() =>
        Assert.AreEqual("person.area", Samples.Invalid(Case("{ }", """[ { "age": 88, "concerns": ["elderly-care"] } ]""")).Field);

    [TestMethod]
    public void Route_NoAreaBoundReferral_DoesNotNeedArea() =>
        Assert.AreEqual("松戸市自立相談支援センター", Samples.Route(Case("""{ "age": 40, "concerns": ["poverty"] }""")).Referrals[0].Institution);

    [TestMethod]
    public void Route_TooManyHouseholdMembers_IsRefused()
    {
        var members = "[" + string.Join(",", Enumerable.Repeat("{ }", RoutingLimits.MaxHouseholdMembers + 1)) + "]";

        Assert.AreEqual("household", Samples.Invalid(Case("{ }", members)).Field);
    }

    [TestMethod]
    public void Route_TooManyConcerns_IsRefused()
    {
        var concerns = string.Join(",", Enumerable.Repeat("\"poverty\"", RoutingLimits.MaxConcerns + 1));

        Assert.AreEqual("person.concerns", Samples.Invalid(Case($$"""{ "concerns": [{{concerns}}] }""")).Field);
    }

    [TestMethod]
    public void Route_TypedRequest_IsValidatedToo()
    {
        var request = new RoutingRequest
        {
            Municipality = Municipality.Matsudo,
            Person = new RoutingPerson { Age = 70, Area = "本庁", Concerns = ["dementia"] },
            Household = [new HouseholdMember { Age = 40, Concerns = ["hikikomori", "unknown-thing"] }],
        };

        var error = Assert.ThrowsExactly<RoutingValidationException>(() => RoutingService.Route(request, Samples.Matsudo));

        Assert.AreEqual("household[0].concerns[1]", error.Field);
    }

    [TestMethod]
    public void Route_TypedRequestWithTheOtherPack_IsRefused()
    {
        var request = new RoutingRequest { Municipality = Municipality.Matsudo, Person = new RoutingPerson() };

        Assert.AreEqual("municipality", Assert.ThrowsExactly<RoutingValidationException>(() => RoutingService.Route(request, Samples.Ichikawa)).Field);
    }
}
