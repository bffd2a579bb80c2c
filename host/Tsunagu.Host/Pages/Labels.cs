using System.Globalization;
using System.Text.RegularExpressions;

namespace Tsunagu.Host.Pages;

/// <summary>The Japanese words the pages show for the codes the domain stores, kept in one place.</summary>
public static partial class Labels
{
    /// <summary>The routing vocabulary of concerns, in the order a caseworker reads it.</summary>
    public static IReadOnlyList<(string Code, string Label)> Concerns { get; } =
    [
        ("elderly-care", "高齢者の介護"), ("dementia", "認知症"), ("disability", "障害"), ("hikikomori", "ひきこもり"),
        ("child-rearing", "子育て"), ("childcare-service", "保育サービス"), ("pregnancy", "妊娠"), ("postpartum", "産後"),
        ("child-abuse-risk", "虐待のおそれ"), ("poverty", "生活困窮"), ("unemployment", "失業"), ("debt", "債務"),
        ("homelessness", "住まいの喪失"), ("isolation", "社会的孤立"), ("medical-refusal", "医療・サービスの拒否"),
        ("self-neglect", "セルフネグレクト"), ("young-carer", "ヤングケアラー"),
    ];

    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["elderly"] = "高齢", ["disability"] = "障害", ["child"] = "子ども", ["child-protection"] = "児童虐待対応", ["maternal"] = "母子保健",
        ["livelihood"] = "生活困窮", ["outreach"] = "アウトリーチ", ["participation"] = "参加支援", ["multi-agency"] = "多機関協働",
        ["community"] = "地域づくり",
    };

    private static readonly Dictionary<string, string> ConcernLabels = Concerns.ToDictionary(c => c.Code, c => c.Label, StringComparer.Ordinal);

    /// <summary>An institution category of the pack (<c>livelihood</c> → 生活困窮).</summary>
    public static string Category(string? code) => code is not null && Categories.TryGetValue(code, out var label) ? label : code ?? "";

    public static string Concern(string code) => ConcernLabels.GetValueOrDefault(code, code);

    /// <summary>A routing subject: <c>person</c> is 本人, <c>household[0]</c> the first member of the household.</summary>
    public static string Subject(string subject) =>
        subject == "person" ? "本人"
        : HouseholdIndex().Match(subject) is { Success: true } match ? $"世帯員{int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1}"
        : subject;

    /// <summary>An ISO 8601 period as people say it (P3M → 3か月); other forms are shown as they are.</summary>
    public static string Period(string? period) =>
        PeriodParts(period) is { } parts
            ? parts.Unit switch { "Y" => $"{parts.Number}年", "M" => $"{parts.Number}か月", "W" => $"{parts.Number}週間", _ => $"{parts.Number}日" }
            : period ?? "—";

    /// <summary>A period of one unit split into its number and unit (P3M → 3, M); null for any other form.</summary>
    public static (string Number, string Unit)? PeriodParts(string? period) =>
        period is not null && Period().Match(period) is { Success: true } match ? (match.Groups[1].Value, match.Groups[2].Value) : null;

    public static string Proposal(string kind) => kind switch
    {
        "new" => "新しい紹介先",
        "withdrawn" => "紹介の終了",
        "escalation" => "多機関協働へ",
        "meeting" => "会議の種類の変更",
        _ => kind,
    };

    public static string Date(DateOnly date) => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^household\[(\d+)\]$")]
    private static partial Regex HouseholdIndex();

    [GeneratedRegex(@"^P(\d+)([YMWD])$")]
    private static partial Regex Period();
}
