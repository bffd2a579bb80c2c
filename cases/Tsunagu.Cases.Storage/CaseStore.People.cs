using System.Data.Common;
using System.Text.Json;
using Dapper;
using Tsunagu.Cases.People;

namespace Tsunagu.Cases.Storage;

/// <summary>People and the person of each case (migration 1002).</summary>
public abstract partial class CaseStore
{
    private const string PersonColumns = "p.id, p.name, p.kana, p.birth_date, p.address, p.area, p.contact, p.created_at, p.created_by";

    /// <summary>
    /// Idempotent: a case that already has its person keeps it, and a new person is added only with the case's link, so
    /// an intake retried after a crash (same case id) completes what the first attempt left undone and adds nothing twice.
    /// </summary>
    public Task AddCasePersonAsync(PersonRecord person, bool isNew, CasePerson link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(link);
        return WriteAsync(link.CaseId, async (connection, transaction) =>
        {
            if (await connection.ExecuteScalarAsync<int>(Command("SELECT count(*) FROM case_people WHERE case_id = @CaseId", new { link.CaseId }, transaction, cancellationToken)) > 0)
            {
                return 0;
            }

            if (isNew)
            {
                await connection.ExecuteAsync(Command(
                    """
                    INSERT INTO people (id, name, kana, name_key, kana_key, birth_date, address, area, contact, created_at, created_by)
                    VALUES (@Id, @Name, @Kana, @NameKey, @KanaKey, @BirthDate, @Address, @Area, @Contact, @CreatedAt, @CreatedBy)
                    """,
                    new
                    {
                        person.Id,
                        person.Name,
                        person.Kana,
                        NameKey = NameKey.Of(person.Name),
                        KanaKey = NameKey.Of(person.Kana),
                        BirthDate = person.BirthDate is { } born ? Date(born) : null,
                        person.Address,
                        person.Area,
                        person.Contact,
                        CreatedAt = Time(person.CreatedAt),
                        person.CreatedBy,
                    },
                    transaction,
                    cancellationToken));
            }

            return await connection.ExecuteAsync(Command(
                "INSERT INTO case_people (case_id, person_id, route, household, recorded_at) VALUES (@CaseId, @PersonId, @Route, @Household, @RecordedAt)",
                new { link.CaseId, link.PersonId, link.Route, Household = JsonSerializer.Serialize(link.Household, Json), RecordedAt = Time(link.RecordedAt) },
                transaction,
                cancellationToken));
        }, cancellationToken);
    }

    public async Task<PersonRecord?> FindPersonAsync(string personId, CancellationToken cancellationToken) =>
        await QueryPeopleAsync($"SELECT {PersonColumns}, '' FROM people p WHERE p.id = @personId", new { personId }, cancellationToken) is [var found] ? found.Person : null;

    public async Task<CasePerson?> PersonOfCaseAsync(string caseId, CancellationToken cancellationToken) =>
        await QueryAsync<(string CaseId, string PersonId, string? Route, string Household, object RecordedAt)>(
            "SELECT case_id, person_id, route, household, recorded_at FROM case_people WHERE case_id = @caseId", new { caseId }, cancellationToken) is [var r]
            ? new CasePerson(r.CaseId, r.PersonId, r.Route, JsonSerializer.Deserialize<HouseholdMemberIdentity[]>(r.Household, Json) ?? [], ReadTime(r.RecordedAt))
            : null;

    public Task<IReadOnlyList<string>> CasesOfPersonAsync(string personId, CancellationToken cancellationToken) =>
        QueryAsync<string>("SELECT case_id FROM case_people WHERE person_id = @personId ORDER BY recorded_at, case_id", new { personId }, cancellationToken);

    /// <summary>
    /// People in カナ order (people_kana, 1009), so a common name stops after @limit; each person's cases come from a
    /// subquery rather than a join and group over every match. <see cref="ContainsIndex"/> narrows a text search first.
    /// </summary>
    public Task<IReadOnlyList<PersonMatch>> SearchPeopleAsync(
        string? text, DateOnly? birthDate, (string KanaKey, string Id)? after, int limit, CancellationToken cancellationToken)
    {
        var pattern = text is null ? null : "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        string[] conditions =
        [
            .. text is null ? [] : new[] { $"({(ContainsIndex(text, after is not null) is { } index ? index + " AND " : "")}(p.kana_key LIKE @pattern ESCAPE '\\' OR p.name_key LIKE @pattern ESCAPE '\\'))" },
            .. birthDate is null ? [] : new[] { "p.birth_date = @birthDate" },
        ];
        return conditions.Length == 0
            ? Task.FromResult<IReadOnlyList<PersonMatch>>([])
            : QueryPeopleAsync(
                $"""
                SELECT {PersonColumns}, (SELECT {JoinWithSpaces("c.case_id")} FROM case_people c WHERE c.person_id = p.id)
                FROM people p
                WHERE ({string.Join(" OR ", conditions)}) AND EXISTS (SELECT 1 FROM case_people c WHERE c.person_id = p.id)
                {(after is null ? "" : "AND (p.kana_key > @afterKana OR (p.kana_key = @afterKana AND p.id > @afterId))")}
                ORDER BY p.kana_key, p.id
                {Limit}
                """,
                new { pattern, text, birthDate = birthDate is { } born ? Date(born) : null, afterKana = after?.KanaKey, afterId = after?.Id, limit },
                cancellationToken);
    }

    /// <summary>
    /// A condition on people p, true for every person of the page whose keys contain @text (@pattern), that an index
    /// answers (the gram tables of 1012, walked by the text's middle gram); null when the provider has none or the text is too short for it. The LIKE
    /// on people still decides. <paramref name="after"/>: the page starts after @afterKana, @afterId.
    /// </summary>
    protected virtual string? ContainsIndex(string text, bool after) => null;

    /// <summary>
    /// <see cref="ContainsIndex"/> over people_grams (gram, kana_key, person_id, name_key), ordered so: every match holds
    /// each trigram of the text (a text of two characters is its own gram), so one gram's rows in カナ order, their keys
    /// compared there, give the page's people without reading the others. The middle trigram: in a full name it spans
    /// family and given name and is rare, where the first (a common family name) would have thousands of rows to walk
    /// past. Equality on the gram is what row-level security lets PostgreSQL use an index for (LIKE it does not). Null
    /// for a text of one character.
    /// </summary>
    protected static string? GramWalk(string text, bool after) => text.EnumerateRunes().Count() >= 2
        ? $"""
          p.id IN (SELECT g.person_id FROM people_grams g
                   WHERE g.gram = substr(@text, (length(@text) - 3) / 2 + 1, 3) AND (g.kana_key LIKE @pattern ESCAPE '\' OR g.name_key LIKE @pattern ESCAPE '\')
                   {(after ? "AND (g.kana_key > @afterKana OR (g.kana_key = @afterKana AND g.person_id > @afterId))" : "")}
                   ORDER BY g.kana_key, g.person_id LIMIT @limit)
          """
        : null;

    private static CommandDefinition Command(string sql, object? parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private async Task<IReadOnlyList<PersonMatch>> QueryPeopleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<(string Id, string Name, string Kana, object? BirthDate, string? Address, string? Area, string? Contact, object CreatedAt, string CreatedBy, string? Cases)>(
            sql, parameters, cancellationToken);
        return [.. rows.Select(r => new PersonMatch(
            new PersonRecord(r.Id, r.Name, r.Kana, r.BirthDate is null ? null : ReadDate(r.BirthDate), r.Address, r.Area, r.Contact, ReadTime(r.CreatedAt), r.CreatedBy),
            (r.Cases ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)))];
    }
}
