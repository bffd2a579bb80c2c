using System.Globalization;
using System.Text.Json;
using Dapper;
using Tsunagu.Cases.Notes;
using Tsunagu.Engine.Storage.Sqlite;

namespace Tsunagu.Cases.Storage.Sqlite;

/// <summary>The contact and activity log (migration 1004).</summary>
public sealed partial class SqlitePrivacyStore : INoteStore
{
    public Task AddNoteAsync(CaseNote note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        return WriteAsync(note.CaseId, (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO case_notes (id, case_id, kind, occurred_on, document, recorded_by, recorded_at)
            VALUES (@Id, @CaseId, @Kind, @OccurredOn, @Document, @RecordedBy, @RecordedAt)
            """,
            new
            {
                note.Id,
                note.CaseId,
                note.Note.Kind,
                OccurredOn = note.Note.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Document = JsonSerializer.Serialize(note.Note, Json),
                note.RecordedBy,
                RecordedAt = SqliteValues.Time(note.RecordedAt),
            },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken);
    }

    public async Task<IReadOnlyList<CaseNote>> NotesAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string CaseId, string Document, string RecordedBy, string RecordedAt)>(new CommandDefinition(
            "SELECT id, case_id, document, recorded_by, recorded_at FROM case_notes WHERE case_id = @caseId ORDER BY recorded_at, id",
            new { caseId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new CaseNote(r.Id, r.CaseId, JsonSerializer.Deserialize<NewNote>(r.Document, Json)!, r.RecordedBy, SqliteValues.Time(r.RecordedAt)))];
    }
}
