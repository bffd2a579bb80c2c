using System.Globalization;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Privacy;

namespace Tsunagu.Cases.People;

/// <summary>A person checked at intake, ready to be linked to the case once it started.</summary>
public sealed record PreparedPerson(PersonRecord Person, bool IsNew, string? Route, IReadOnlyList<HouseholdMemberIdentity> Household);

/// <summary>A person as a search shows them: identity and only the cases the searcher may see.</summary>
public sealed record PersonView(PersonRecord Person, IReadOnlyList<string> CaseIds);

/// <summary>
/// The people casework is about. Intake records a new person or links a known one (found by <see cref="SearchAsync"/>,
/// the duplicate check); a person is visible to a caller only through a case the caller may see, so search never
/// reveals someone the caller has no reason to know.
/// </summary>
public sealed class PeopleService(IPersonStore people, CaseFiles files, ServedPack served, TimeProvider time)
{
    /// <summary>People read for a page before the visibility filter.</summary>
    private const int Candidates = 200;

    /// <summary>People a page shows when the caller names no limit.</summary>
    private const int PageSize = 50;
    private const int MaxHousehold = 20;

    /// <summary>
    /// Checks the identity and 相談経路 before a case starts. A known person must be one the caller may see; a new one
    /// needs 氏名 and カナ. The 圏域 is the one chosen for routing, else the pack's area named in the address (longest match).
    /// </summary>
    public async Task<PreparedPerson> PrepareAsync(PersonIdentity identity, string? chosenArea, string? route, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(caller);
        ConsultationRoutes.Check(route);
        var household = identity.Household ?? [];
        CheckHousehold(household);
        if (identity.PersonId is { } personId)
        {
            if (identity.Name is not null || identity.Kana is not null || identity.BirthDate is not null || identity.Address is not null || identity.Contact is not null)
            {
                throw new CaseInputException("person.personId", "A known person is linked by id alone; their identity is not re-entered.");
            }

            var known = await people.FindPersonAsync(personId, cancellationToken);
            return known is not null && await MaySeeAsync(known.Id, caller, cancellationToken)
                ? new PreparedPerson(known, false, route, household)
                : throw new CaseRuleException("person.personId", $"There is no person '{personId}' you may see.");
        }

        var name = Text(identity.Name, "person.name", 100, required: true)!;
        var kana = Text(identity.Kana, "person.kana", 100, required: true)!;
        // Width folding can lengthen a text (㍿ → 株式会社); the search's gram tables hold keys of up to 100 characters.
        foreach (var (text, field) in new[] { (name, "person.name"), (kana, "person.kana") })
        {
            if (NameKey.Of(text).Length > 100)
            {
                throw new CaseInputException(field, "At most 100 characters once widths are folded.");
            }
        }

        if (!NameKey.IsKana(kana))
        {
            throw new CaseInputException("person.kana", "カナ must be written in kana.");
        }

        var now = time.GetUtcNow();
        if (identity.BirthDate is { } born && (born > DateOnly.FromDateTime(now.UtcDateTime) || born.Year < 1900))
        {
            throw new CaseInputException("person.birthDate", "A birth date between 1900 and today.");
        }

        var address = Text(identity.Address, "person.address", 200);
        var person = new PersonRecord(
            RecordIds.New(now), name, kana, identity.BirthDate, address, chosenArea ?? AreaOf(address),
            Text(identity.Contact, "person.contact", 100), now, caller.Id);
        return new PreparedPerson(person, true, route, household);
    }

    /// <summary>Links the started case to the prepared person (adding a new person with it).</summary>
    public Task RecordAsync(PreparedPerson prepared, string caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return people.AddCasePersonAsync(
            prepared.Person, prepared.IsNew, new CasePerson(caseId, prepared.Person.Id, prepared.Route, prepared.Household, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// A page of the people whose カナ or 氏名 contains <paramref name="query"/> (spaces, width and hiragana/katakana
    /// ignored), or born on it when it is a date (yyyy-MM-dd), in カナ order; each with only the cases the caller may see,
    /// people with none left out. A page reads at most 200 people, so one with few the caller may see can be short
    /// and still name a next page.
    /// </summary>
    public async Task<Page<PersonView>> SearchAsync(string? query, Caller caller, string? after, int? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var text = query?.Trim() ?? "";
        if (text.Length is 0 or > 100)
        {
            throw new CaseInputException("q", "A カナ, 氏名 or 生年月日 (yyyy-MM-dd) of 1 to 100 characters.");
        }

        var date = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        var key = NameKey.Of(text);
        if (date is null && key.Length == 0)
        {
            throw new CaseInputException("q", "A カナ, 氏名 or 生年月日 (yyyy-MM-dd) of 1 to 100 characters.");
        }

        var size = Paging.Limit(limit, PageSize);
        var from = Paging.Keys(after, 2) is [var kanaKey, var personId] ? (kanaKey, personId) : ((string, string)?)null;
        var matches = await people.SearchPeopleAsync(date is null ? key : null, date, from, Candidates, cancellationToken);
        var visible = await files.VisibleAmongAsync([.. matches.SelectMany(m => m.CaseIds).Distinct(StringComparer.Ordinal)], caller, cancellationToken);
        var found = new List<PersonView>();
        PersonMatch? last = null;
        foreach (var match in matches.TakeWhile(_ => found.Count < size))
        {
            last = match;
            if (match.CaseIds.Where(visible.Contains).ToList() is { Count: > 0 } cases)
            {
                found.Add(new PersonView(match.Person, cases));
            }
        }

        var more = last is not null && (found.Count == size || matches.Count == Candidates);
        return new Page<PersonView>(found, more ? Paging.Cursor(NameKey.Of(last!.Person.Kana), last.Person.Id) : null);
    }

    private async Task<bool> MaySeeAsync(string personId, Caller caller, CancellationToken cancellationToken) =>
        (await files.VisibleAmongAsync(await people.CasesOfPersonAsync(personId, cancellationToken), caller, cancellationToken)).Count > 0;

    private string? AreaOf(string? address) => address is null
        ? null
        : served.Current.Settings.Areas.Where(a => address.Contains(a, StringComparison.Ordinal)).OrderByDescending(a => a.Length).FirstOrDefault();

    private static void CheckHousehold(IReadOnlyList<HouseholdMemberIdentity> household)
    {
        if (household.Count > MaxHousehold)
        {
            throw new CaseInputException("person.household", $"At most {MaxHousehold} household members.");
        }

        for (var i = 0; i < household.Count; i++)
        {
            Text(household[i].Relation, $"person.household[{i}].relation", 50, required: true);
            Text(household[i].Name, $"person.household[{i}].name", 100);
            if (Text(household[i].Kana, $"person.household[{i}].kana", 100) is { } kana && !NameKey.IsKana(kana))
            {
                throw new CaseInputException($"person.household[{i}].kana", "カナ must be written in kana.");
            }
        }
    }

    private static string? Text(string? value, string field, int max, bool required = false)
    {
        if (value is null && !required)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value) || value.Length > max
            ? throw new CaseInputException(field, $"{(required ? "Required, " : "When given, ")}1 to {max} characters.")
            : value.Trim();
    }
}
