namespace Tsunagu.Cases;

/// <summary>
/// Ids of new records (cases, people, notes, notifications): time-ordered version-7 Guids, so new rows append to their
/// indexes instead of landing on a random page (docs/adr/0022), written without hyphens.
/// </summary>
internal static class RecordIds
{
    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");
}
