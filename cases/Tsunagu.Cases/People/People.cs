using System.Text;

namespace Tsunagu.Cases.People;

/// <summary>Who is recorded at intake: a known person by id, or a new one by 氏名, カナ, 生年月日, 住所 and 連絡先.</summary>
public sealed record PersonIdentity(
    string? PersonId = null,
    string? Name = null,
    string? Kana = null,
    DateOnly? BirthDate = null,
    string? Address = null,
    string? Contact = null,
    IReadOnlyList<HouseholdMemberIdentity>? Household = null);

/// <summary>A member of the person's household as recorded at intake.</summary>
public sealed record HouseholdMemberIdentity(string Relation, string? Name = null, string? Kana = null, DateOnly? BirthDate = null);

/// <summary>A person in the domain's records; <see cref="Area"/> is the 日常生活圏域 chosen or derived from the address at the first intake.</summary>
public sealed record PersonRecord(
    string Id,
    string Name,
    string Kana,
    DateOnly? BirthDate,
    string? Address,
    string? Area,
    string? Contact,
    DateTimeOffset CreatedAt,
    string CreatedBy);

/// <summary>The person a case is about, with how the consultation came (相談経路) and the household at that intake.</summary>
public sealed record CasePerson(string CaseId, string PersonId, string? Route, IReadOnlyList<HouseholdMemberIdentity> Household, DateTimeOffset RecordedAt);

/// <summary>A person found by a search, with the ids of their cases (all of them; callers filter by visibility).</summary>
public sealed record PersonMatch(PersonRecord Person, IReadOnlyList<string> CaseIds);

/// <summary>The people port: people, and which person each case is about.</summary>
public interface IPersonStore
{
    /// <summary>Records that the case is about the person, adding the person first when <paramref name="isNew"/>; one transaction.</summary>
    Task AddCasePersonAsync(PersonRecord person, bool isNew, CasePerson link, CancellationToken cancellationToken);

    Task<PersonRecord?> FindPersonAsync(string personId, CancellationToken cancellationToken);

    Task<CasePerson?> PersonOfCaseAsync(string caseId, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> CasesOfPersonAsync(string personId, CancellationToken cancellationToken);

    /// <summary>
    /// People whose normalized カナ or 氏名 contains <paramref name="text"/>, or born on <paramref name="birthDate"/>; at
    /// most <paramref name="limit"/>, in (カナ key, id) order, after <paramref name="after"/> in that order when given.
    /// </summary>
    Task<IReadOnlyList<PersonMatch>> SearchPeopleAsync(
        string? text, DateOnly? birthDate, (string KanaKey, string Id)? after, int limit, CancellationToken cancellationToken);
}

/// <summary>相談経路: how the consultation reached the window.</summary>
public static class ConsultationRoutes
{
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "本人", "家族", "民生委員", "関係機関", "近隣住民", "アウトリーチ", "その他",
    };

    /// <summary>Refuses a route that is not one of <see cref="All"/>; none given is fine.</summary>
    public static void Check(string? route)
    {
        if (route is not null && !All.Contains(route))
        {
            throw new CaseInputException("route", $"'{route}' is not one of {string.Join(", ", All)}.");
        }
    }
}

/// <summary>How names are compared: width-folded (NFKC), hiragana as katakana, without spaces, latin in lower case.</summary>
public static class NameKey
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            builder.Append(c is >= '\u3041' and <= '\u3096' ? (char)(c + 0x60) : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="kana"/> is only kana (either script), the prolonged sound mark, middle dot and spaces.</summary>
    public static bool IsKana(string kana)
    {
        ArgumentNullException.ThrowIfNull(kana);
        return kana.Normalize(NormalizationForm.FormKC).All(c => c is (>= '\u3041' and <= '\u3096') or (>= '\u30A1' and <= '\u30FA') or '\u30FC' or '\u30FB' or '\u309B' or '\u309C' || char.IsWhiteSpace(c));
    }
}
