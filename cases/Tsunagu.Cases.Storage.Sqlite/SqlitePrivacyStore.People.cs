using System.Globalization;
using System.Text.Json;
using Dapper;
using Tsunagu.Cases.People;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Cases.Storage.Sqlite;

/// <summary>People and the person of each case (migration 1002).</summary>
public sealed partial class SqlitePrivacyStore : IPersonStore
{
    private const string PersonColumns = "p.id, p.name, p.kana, p.birth_date, p.address, p.area, p.contact, p.created_at, p.created_by";

    public Task AddCasePersonAsync(PersonRecord person, bool isNew, CasePerson link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(link);
        return WriteAsync(link.CaseId, async (connection, transaction) =>
        {
            if (isNew)
            {
                await connection.ExecuteAsync(new CommandDefinition(
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
                        BirthDate = Date(person.BirthDate),
                        person.Address,
                        person.Area,
                        person.Contact,
                        CreatedAt = SqliteValues.Time(person.CreatedAt),
                        person.CreatedBy,
                    },
                    transaction,
                    cancellationToken: cancellationToken));
            }

            return await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO case_people (case_id, person_id, route, household, recorded_at) VALUES (@CaseId, @PersonId, @Route, @Household, @RecordedAt)",
                new { link.CaseId, link.PersonId, link.Route, Household = JsonSerializer.Serialize(link.Household, Json), RecordedAt = SqliteValues.Time(link.RecordedAt) },
                transaction,
                cancellationToken: cancellationToken));
        }, cancellationToken);
    }

    public async Task<PersonRecord?> FindPersonAsync(string personId, CancellationToken cancellationToken) =>
        await QueryPeopleAsync($"SELECT {PersonColumns}, '' FROM people p WHERE p.id = @personId", new { personId }, cancellationToken) is [var found] ? found.Person : null;

    public async Task<CasePerson?> PersonOfCaseAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string CaseId, string PersonId, string? Route, string Household, string RecordedAt)?>(new CommandDefinition(
            "SELECT case_id, person_id, route, household, recorded_at FROM case_people WHERE case_id = @caseId", new { caseId }, cancellationToken: cancellationToken));
        return row is { } r
            ? new CasePerson(r.CaseId, r.PersonId, r.Route, JsonSerializer.Deserialize<HouseholdMemberIdentity[]>(r.Household, Json) ?? [], SqliteValues.Time(r.RecordedAt))
            : null;
    }

    public async Task<IReadOnlyList<string>> CasesOfPersonAsync(string personId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT case_id FROM case_people WHERE person_id = @personId ORDER BY recorded_at, case_id", new { personId }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<PersonMatch>> SearchPeopleAsync(string? text, DateOnly? birthDate, int limit, CancellationToken cancellationToken)
    {
        var pattern = text is null ? null : "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return await QueryPeopleAsync(
            $"""
            SELECT {PersonColumns}, group_concat(c.case_id, ' ')
            FROM people p JOIN case_people c ON c.person_id = p.id
            WHERE (@pattern IS NOT NULL AND (p.kana_key LIKE @pattern ESCAPE '\' OR p.name_key LIKE @pattern ESCAPE '\'))
               OR (@birthDate IS NOT NULL AND p.birth_date = @birthDate)
            GROUP BY p.id
            ORDER BY p.kana_key, p.id
            LIMIT @limit
            """,
            new { pattern, birthDate = Date(birthDate), limit },
            cancellationToken);
    }

    private async Task<IReadOnlyList<PersonMatch>> QueryPeopleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string Name, string Kana, string? BirthDate, string? Address, string? Area, string? Contact, string CreatedAt, string CreatedBy, string? Cases)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new PersonMatch(
            new PersonRecord(
                r.Id, r.Name, r.Kana, r.BirthDate is null ? null : DateOnly.ParseExact(r.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Address, r.Area, r.Contact, SqliteValues.Time(r.CreatedAt), r.CreatedBy),
            (r.Cases ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)))];
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
