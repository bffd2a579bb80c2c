using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Privacy;

namespace Tsunagu.Cases.Notes;

/// <summary>The contact and activity log of a case: anyone who sees the case adds notes and reads them.</summary>
public sealed class NoteService(INoteStore notes, CaseFiles files, IAccountStore accounts, ServedPack served, TimeProvider time)
{
    public async Task<CaseNote> AddAsync(string caseId, NewNote note, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(caller);
        await CheckAsync(note, cancellationToken);
        await files.SeesWholeCaseAsync(caseId, caller, cancellationToken);
        var added = new CaseNote(RecordIds.New(time.GetUtcNow()), caseId, note, caller.Id, time.GetUtcNow());
        await notes.AddNoteAsync(added, cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<CaseNote>> ListAsync(string caseId, Caller caller, CancellationToken cancellationToken)
    {
        await files.SeesWholeCaseAsync(caseId, caller, cancellationToken);
        return await notes.NotesAsync(caseId, cancellationToken);
    }

    private async Task CheckAsync(NewNote note, CancellationToken cancellationToken)
    {
        if (!NoteKind.All.Contains(note.Kind))
        {
            throw new CaseInputException("kind", $"'{note.Kind}' is not one of {string.Join(", ", NoteKind.All)}.");
        }

        if (note.OccurredOn > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(9)))
        {
            throw new CaseInputException("occurredOn", "A note records what happened, not what will.");
        }

        if (note.Text is { Length: > 4000 } || (note.Kind is NoteKind.Support or NoteKind.Memo && string.IsNullOrWhiteSpace(note.Text)))
        {
            throw new CaseInputException("text", "Required for 支援 and メモ; at most 4,000 characters.");
        }

        var outreach = note.Kind == NoteKind.Outreach;
        var participation = note.Kind == NoteKind.Participation;
        Only(note.Method, outreach, "method");
        Only(note.Reached, outreach, "reached");
        Only(note.Place, participation, "place");
        Only(note.Companion, participation, "companion");
        if (outreach && !NoteKind.OutreachMethods.Contains(note.Method!))
        {
            throw new CaseInputException("method", $"One of {string.Join(", ", NoteKind.OutreachMethods)}.");
        }

        if (participation && served.Current.InstitutionsNamed(note.Place!).Count == 0)
        {
            throw new CaseInputException("place", $"'{note.Place}' is not a place of {served.Current.Municipality.Name}.");
        }

        if (participation && note.Companion is { } companion && await accounts.FindAsync(companion, cancellationToken) is not { Disabled: false })
        {
            throw new CaseInputException("companion", $"There is no active account '{companion}'.");
        }
    }

    /// <summary>A field that belongs to one kind: required there (except 付き添い, who may be nobody), refused elsewhere.</summary>
    private static void Only(object? value, bool belongs, string field)
    {
        if (!belongs && value is not null)
        {
            throw new CaseInputException(field, $"'{field}' belongs to another kind of note.");
        }

        if (belongs && value is null && field != "companion")
        {
            throw new CaseInputException(field, "Required for this kind of note.");
        }
    }
}
