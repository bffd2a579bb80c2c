using Tsunagu.Cases.Packs;
using Tsunagu.Rules.Dmn.Model;
using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Cases.Routing.Rules;

// Facts are classes, not records: NRules identifies facts by equality, and two equal rows must stay two facts.

/// <summary>A fact a compiled DMN table row reads: its input expressions are paths such as <c>subject concern.age</c>.</summary>
public interface ITableInput
{
    /// <summary>The FEEL value at <paramref name="path"/> (an input expression's text), or false when the fact has no such path.</summary>
    bool TryRead(string path, out object? value);

    /// <summary>The fact as FEEL variables, for output entries that are expressions.</summary>
    FeelContext Variables { get; }

    /// <summary>The table rows that matched the fact, added as they fire.</summary>
    TableHits Hits { get; }
}

/// <summary>
/// The rows that matched one fact. The stage rules read them by priority, after every row on that fact has fired, so
/// the hits are kept on the fact rather than inserted as facts each later rule would have to aggregate again.
/// </summary>
public sealed class TableHits : IEnumerable<TableHit>
{
    private readonly List<TableHit> _hits = new(2);

    public void Add(TableHit hit) => _hits.Add(hit);

    /// <summary>The hits of one table, in table order.</summary>
    public IReadOnlyList<TableHit> Of(string table)
    {
        var hits = new List<TableHit>(_hits.Count);
        foreach (var hit in _hits)
        {
            if (hit.Table == table)
            {
                hits.Add(hit);
            }
        }

        hits.Sort((a, b) => a.Row.CompareTo(b.Row));
        return hits;
    }

    public IEnumerator<TableHit> GetEnumerator() => _hits.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The consultation being routed, with the consent to share.</summary>
public sealed class Consultation(RoutingRequest request)
{
    public RoutingRequest Request { get; } = request;

    public override string ToString() => $"consultation {Request.Municipality} (consent {Request.Consent})";
}

/// <summary>The person or one household member, with the concerns the rules look at (pregnancy counted as a concern).</summary>
public sealed class Subject(string label, int index, RoutingSubject source, string? area)
{
    public string Label { get; } = label;

    public int Index { get; } = index;

    public int? Age { get; } = source.Age;

    public string Disability { get; } = source.Disability;

    /// <summary>The person's 日常生活圏域: household members live there too.</summary>
    public string? Area { get; } = area;

    public IReadOnlyList<string> Concerns { get; } = [.. source.Concerns.Concat(source.Pregnant ? ["pregnancy"] : []).Distinct(StringComparer.Ordinal)];

    public override string ToString() => $"{Label} (age {Age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}, {Disability}, area {Area ?? "unknown"})";
}

/// <summary>One concern of one subject: what the <c>concern routing</c> and <c>coordination concerns</c> tables match.</summary>
public sealed class SubjectConcern(Subject subject, string concern, int index) : ITableInput
{
    private const string Prefix = "subject concern.";
    private readonly object? _age = subject.Age is { } age ? FeelNumber.FromInt64(age) : null;

    public Subject Subject { get; } = subject;

    public string Concern { get; } = concern;

    public TableHits Hits { get; } = new();

    /// <summary>The concern's position in the subject's list, for the order of results.</summary>
    public int Index { get; } = index;

    public FeelContext Variables => FeelContext.Create([new("subject concern", FeelContext.Create(
    [
        new("subject", Subject.Label), new("concern", Concern), new("age", _age), new("disability", Subject.Disability), new("area", Subject.Area),
    ]))]);

    public bool TryRead(string path, out object? value)
    {
        value = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] switch
        {
            "subject" => Subject.Label,
            "concern" => Concern,
            "age" => _age,
            "disability" => Subject.Disability,
            "area" => Subject.Area,
            _ => Missing,
        } : Missing;
        return !ReferenceEquals(value, Missing);
    }

    public override string ToString() => $"{Subject}: {Concern}";

    internal static readonly object Missing = new();
}

/// <summary>Whether 多機関協働 is needed and which rules raised it; the <c>coordination referral</c> and <c>meeting</c> tables read it.</summary>
public sealed class Coordination(bool required, IReadOnlyList<string> rules, string consent, HouseholdPlacements household) : ITableInput
{
    public bool Required { get; } = required;

    public IReadOnlyList<string> Rules { get; } = rules;

    public string Consent { get; } = consent;

    /// <summary>The household's placements the decision was taken on; the referrals are merged from them.</summary>
    public HouseholdPlacements Household { get; } = household;

    public TableHits Hits { get; } = new();

    public FeelContext Variables => FeelContext.Create(
    [
        new("coordination", FeelContext.Create([new("required", Required), new("rules", new FeelList([.. Rules]))])), new("consent", Consent),
    ]);

    public bool TryRead(string path, out object? value)
    {
        value = path switch
        {
            "coordination.required" => Required,
            "coordination.rules" => new FeelList([.. Rules]),
            "consent" => Consent,
            _ => SubjectConcern.Missing,
        };
        return !ReferenceEquals(value, SubjectConcern.Missing);
    }

    public override string ToString() => Required ? $"多機関協働 ({string.Join(", ", Rules)}), consent {Consent}" : $"no 多機関協働, consent {Consent}";
}

/// <summary>A row of a compiled table that matched a fact, with its evaluated outputs by output name.</summary>
public sealed class TableHit(string table, HitPolicy policy, string ruleId, int row, ITableInput input, IReadOnlyDictionary<string, object?> outputs)
{
    public string Table { get; } = table;

    public HitPolicy Policy { get; } = policy;

    public string RuleId { get; } = ruleId;

    /// <summary>The row's position in the table (results follow table order).</summary>
    public int Row { get; } = row;

    public ITableInput Input { get; } = input;

    public IReadOnlyDictionary<string, object?> Outputs { get; } = outputs;

    public string? Output(string name) => Outputs.GetValueOrDefault(name) as string;

    public override string ToString() => $"{Table} {RuleId}";
}

/// <summary>A trigger for 多機関協働 raised by one concern: a rule name such as <c>multi-agency-gap</c>, ordered for the result.</summary>
public sealed class CoordinationTrigger(string rule, SubjectConcern concern, string? row = null)
{
    public string Rule { get; } = rule;

    /// <summary>The concern that raised it (制度の狭間 or a <c>coordination concerns</c> row).</summary>
    public SubjectConcern Concern { get; } = concern;

    /// <summary>The <c>coordination concerns</c> row that raised it, if a row did.</summary>
    public string? Row { get; } = row;

    public (int Subject, int Concern) Order => (Concern.Subject.Index, Concern.Index);

    public override string ToString() => Row is null ? $"{Rule} ({Concern})" : $"{Rule} ({Concern}, {Row})";
}

/// <summary>An institution the person is already referred to (for continuity).</summary>
public sealed class OpenReferral(string institution, string category)
{
    public string Institution { get; } = institution;

    public string Category { get; } = category;

    public override string ToString() => $"open referral {Institution}/{Category}";
}

/// <summary>The pack's institutions, to resolve a routed name (an institution or a group) to the institutions it stands for.</summary>
public sealed class InstitutionCatalogue(IReadOnlyList<Institution> institutions)
{
    private readonly ILookup<string, Institution> _byGroup = institutions.Where(i => i.Group is not null && i.ReceivesReferrals).ToLookup(i => i.Group!, StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(institutions.Select(i => i.Name), StringComparer.Ordinal);

    /// <summary>
    /// The institutions that may serve a subject for <paramref name="name"/>: itself when it names an institution (or
    /// nothing the catalogue knows), else the group's members, those of the subject's area when the members are
    /// area-bound. Null when area-bound members exist but the area is unknown.
    /// </summary>
    public IReadOnlyList<string>? Candidates(string name, string? area)
    {
        if (_names.Contains(name) || !_byGroup.Contains(name))
        {
            return [name];
        }

        var members = _byGroup[name].ToList();
        if (members.TrueForAll(m => m.Area is null))
        {
            return [.. members.Select(m => m.Name)];
        }

        return area is null ? null : [.. members.Where(m => m.Area == area).Select(m => m.Name)];
    }

    public override string ToString() => $"institution catalogue ({_names.Count})";
}

/// <summary>
/// One concern row on its way to a referral: the table's target resolved to an institution (null while an area-bound
/// target has no area). Mutable: continuity may choose another candidate.
/// </summary>
public sealed class Placement(TableHit hit, string? institution, IReadOnlyList<string> candidates, string subject, string concern, (int Phase, int Subject, int Concern, int Row, int Rule) order)
{
    public TableHit Hit { get; } = hit;

    public string? Institution { get; set; } = institution;

    /// <summary>The institutions the target stands for; one of them is chosen.</summary>
    public IReadOnlyList<string> Candidates { get; } = candidates;

    public string Category { get; init; } = hit.Output("category") ?? "";

    public string Subject { get; } = subject;

    public string Concern { get; } = concern;

    public List<string> Rules { get; init; } = [.. hit.Output("rule") is { } rule ? [rule] : Array.Empty<string>()];

    public string Reason { get; init; } = hit.Output("reason") ?? "";

    public string? Service { get; init; } = hit.Output("service");

    /// <summary>Where the row comes in the result: concern rows by subject, concern and table row, then 多機関協働.</summary>
    public (int Phase, int Subject, int Concern, int Row, int Rule) Order { get; } = order;

    public override string ToString() => Describe(Institution);

    internal string Describe(string? institution) => $"{Subject} {Concern} → {institution ?? "?"}/{Category}";
}

/// <summary>The household's placements once continuity has chosen, in result order (subject, concern, row).</summary>
public sealed class HouseholdPlacements(IEnumerable<Placement> placements)
{
    public IReadOnlyList<Placement> Placements { get; } = [.. placements.OrderBy(p => p.Order)];

    /// <summary>Whether the placements meet in two or more categories (多機関協働).</summary>
    public bool SeveralCategories => Placements.Any(p => p.Category != Placements[0].Category);

    public override string ToString() => $"placements [{string.Join("; ", Placements)}]";
}

/// <summary>One referral of the result: every placement with the same institution and category, merged.</summary>
public sealed class MergedReferral(IReadOnlyList<Placement> group)
{
    public IReadOnlyList<Placement> Group { get; } = group;

    public string? Institution => Group[0].Institution;

    public string Category => Group[0].Category;

    /// <summary>The first subject that led here.</summary>
    public string Subject => Group[0].Subject;

    public IReadOnlyList<string> Subjects => [.. Group.Select(p => p.Subject).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> Concerns => [.. Group.Select(p => p.Concern).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> Rules => [.. Group.SelectMany(p => p.Rules).Distinct(StringComparer.Ordinal)];

    public string Reason => string.Join("／", Group.Select(p => p.Reason).Distinct(StringComparer.Ordinal));

    /// <summary>The services the rows name, joined with "／"; null when they name none.</summary>
    public string? Service => Group.Select(p => p.Service).OfType<string>().Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } services ? string.Join("／", services) : null;

    public override string ToString() => $"{Institution}/{Category} ({Group.Count})";
}

/// <summary>The referrals in result order and the meeting kind the <c>meeting</c> table chose (null when no row did).</summary>
public sealed class RoutingDecision(IReadOnlyList<MergedReferral> referrals, string? meeting)
{
    public IReadOnlyList<MergedReferral> Referrals { get; } = referrals;

    public string? Meeting { get; } = meeting;

    public override string ToString() => $"referrals [{string.Join("; ", Referrals)}], meeting {Meeting ?? "none"}";
}
