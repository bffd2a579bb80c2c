namespace Tsunagu.Cases.Notes;

/// <summary>The kinds of entry in a case's contact and activity log (支援経過).</summary>
public static class NoteKind
{
    /// <summary>アウトリーチ: a contact attempt by visit, phone or letter, reached or not (failed attempts count too).</summary>
    public const string Outreach = "アウトリーチ";

    /// <summary>参加支援: attendance at a place (がじゅまる+, たき火, つながるステーション…) with the supporter who went along (付き添い).</summary>
    public const string Participation = "参加支援";

    /// <summary>支援: support given.</summary>
    public const string Support = "支援";

    /// <summary>メモ: a free note.</summary>
    public const string Memo = "メモ";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Outreach, Participation, Support, Memo };

    /// <summary>How an アウトリーチ contact was made.</summary>
    public static IReadOnlySet<string> OutreachMethods { get; } = new HashSet<string>(StringComparer.Ordinal) { "訪問", "電話", "手紙" };
}

/// <summary>
/// A note to add: <see cref="OccurredOn"/> the day it happened; <see cref="Method"/> and <see cref="Reached"/> for
/// アウトリーチ; <see cref="Place"/> and <see cref="Companion"/> (付き添い, a staff id) for 参加支援; <see cref="Text"/> for all.
/// </summary>
public sealed record NewNote(string Kind, DateOnly OccurredOn, string? Text = null, string? Method = null, bool? Reached = null, string? Place = null, string? Companion = null);

/// <summary>A recorded note of a case.</summary>
public sealed record CaseNote(string Id, string CaseId, NewNote Note, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The notes port.</summary>
public interface INoteStore
{
    Task AddNoteAsync(CaseNote note, CancellationToken cancellationToken);

    /// <summary>The case's notes, oldest first.</summary>
    Task<IReadOnlyList<CaseNote>> NotesAsync(string caseId, CancellationToken cancellationToken);
}
