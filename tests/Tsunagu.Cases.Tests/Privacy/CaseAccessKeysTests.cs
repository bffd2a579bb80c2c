using System.Text.Json.Nodes;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Tests.Packs;
using V = Tsunagu.Cases.Casework.CaseProcess.Variables;

namespace Tsunagu.Cases.Tests.Privacy;

/// <summary>
/// The person search reads only the cases whose keys name the caller or whose meetings have the caller as a member
/// (ADR 0027): that must never drop a case <see cref="CaseAccess.Decide"/> shows. Checked over every combination of the
/// facts and callers below, on the Matsudo pack's institutions and groups.
/// </summary>
[TestClass]
public sealed class CaseAccessKeysTests
{
    private const string IntakeUser = "u-intake";
    private const string Group = "基幹相談支援センター";
    private const string GroupMember = "中央基幹相談支援センター CoCo";
    private const string OtherMember = "小金基幹相談支援センター おんぷ";
    private const string Ungrouped = "松戸市自立相談支援センター";

    private static readonly string[] Names = [Group, GroupMember, OtherMember, Ungrouped, "存在しない機関"];
    private static readonly DateTimeOffset At = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Keys_EveryFactAndCallerCombination_DecideShowsACaseOnlyWhenItsKeysOrMeetingsNameTheCaller()
    {
        var pack = Samples.Matsudo;
        var named = CaseFiles.InstitutionsNamed(pack);
        var callers = (from id in new[] { IntakeUser, "u-other" }
                       from institution in new[] { GroupMember, Ungrouped, "" }
                       select new Caller(id, institution, new HashSet<string> { StaffRoles.Caseworker })).ToList();
        var (checkedCount, visibleByKeys, visibleByMeeting) = (0, 0, 0);
        foreach (var variables in Variables())
        {
            var facts = CaseFacts.Of("case-1", variables);
            var keys = CaseAccess.InstanceKeys(CaseProcess.Key, variables).ToHashSet(StringComparer.Ordinal);
            foreach (var caller in callers)
            {
                var callerKeys = CaseFiles.CallerKeys(caller, pack);
                var byKeys = keys.Overlaps(callerKeys);
                foreach (var meetings in Meetings(caller.Id))
                {
                    checkedCount++;
                    var member = meetings.Any(m => m.CaseIds.Contains("case-1") && m.ActiveMember(caller.Id) is not null);
                    var visible = CaseAccess.Decide(caller, facts, meetings, named) == CaseVisibility.Visible;
                    Assert.IsTrue(!visible || byKeys || member, $"{caller} on {new JsonObject(variables.Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone())))} with {meetings.Count} meeting(s)");
                    if (meetings.Count == 0)
                    {
                        Assert.AreEqual(visible, byKeys, $"without meetings the keys decide exactly: {caller}, keys {string.Join(",", keys)}");
                    }

                    visibleByKeys += visible && byKeys ? 1 : 0;
                    visibleByMeeting += visible && !byKeys ? 1 : 0;
                }
            }
        }

        Assert.IsGreaterThan(10_000, checkedCount);
        Assert.IsGreaterThan(0, visibleByKeys, "some cases are seen through their keys");
        Assert.IsGreaterThan(0, visibleByMeeting, "some only through a meeting");
    }

    [TestMethod]
    public void CallerKeys_MemberOfAGroup_NamesTheUserTheInstitutionAndItsGroupOnly()
    {
        var keys = CaseFiles.CallerKeys(new Caller("u-1", GroupMember, new HashSet<string> { StaffRoles.Caseworker }), Samples.Matsudo);

        CollectionAssert.AreEquivalent(new[] { "user:u-1", "institution:" + GroupMember, "institution:" + Group }, keys.ToArray());
    }

    [TestMethod]
    public void InstanceKeys_OtherProcess_HasNone()
    {
        var variables = new Dictionary<string, JsonNode?> { [V.IntakeBy] = IntakeUser };

        Assert.IsEmpty(CaseAccess.InstanceKeys("another-process", variables));
        Assert.AreEqual("user:" + IntakeUser, CaseAccess.InstanceKeys(CaseProcess.Key, variables).Single());
    }

    private static IEnumerable<Dictionary<string, JsonNode?>> Variables()
    {
        var referralSets = Subsets(Names).ToList();
        foreach (var intakeBy in new[] { IntakeUser, null })
        {
            foreach (bool? sharing in new bool?[] { true, false, null })
            {
                foreach (var referred in referralSets)
                {
                    foreach (var declined in new[] { Array.Empty<string>(), referred.Take(1).ToArray(), referred })
                    {
                        foreach (var planned in new[] { Array.Empty<string>(), [Group], [GroupMember], [OtherMember, Ungrouped] })
                        {
                            var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
                            {
                                [V.Routing] = new JsonObject { ["referrals"] = Institutions(referred) },
                                [V.DeclinedReferrals] = Institutions(declined),
                                [V.Plan] = new JsonObject { ["roles"] = Institutions(planned) },
                            };
                            if (intakeBy is not null)
                            {
                                variables[V.IntakeBy] = intakeBy;
                            }

                            if (sharing is { } shared)
                            {
                                variables[V.Sharing] = shared;
                            }

                            yield return variables;
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<IReadOnlyList<Meeting>> Meetings(string callerId)
    {
        yield return [];
        yield return [Meeting("case-1", new MeetingMember(callerId, At, null))];
        yield return [Meeting("case-1", new MeetingMember(callerId, null, null))];
        yield return [Meeting("case-1", new MeetingMember(callerId, At, At))];
        yield return [Meeting("case-1", new MeetingMember("someone-else", At, null))];
        yield return [Meeting("case-2", new MeetingMember(callerId, At, null))];
    }

    private static Meeting Meeting(string caseId, MeetingMember member) => new()
    {
        Id = "m-" + caseId,
        Kind = "支援会議",
        Date = new DateOnly(2026, 12, 10),
        CreatedBy = "coordinator",
        CaseIds = [caseId],
        Members = [member],
    };

    private static JsonArray Institutions(IEnumerable<string> names) => [.. names.Select(n => (JsonNode)new JsonObject { ["institution"] = n })];

    private static IEnumerable<string[]> Subsets(string[] items) =>
        Enumerable.Range(0, 1 << items.Length).Select(mask => items.Where((_, i) => (mask & (1 << i)) != 0).ToArray());
}
