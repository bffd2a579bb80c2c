using System.Text.RegularExpressions;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Routing.Rules;
using Tsunagu.Rules.Dmn;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Cases.Packs;

/// <summary>
/// A municipality pack: a plain folder an administrator can copy and edit (pack.json, institutions.json, staff.json,
/// routing.dmn). Loading checks every cross-reference so a broken copy fails here, not during casework.
/// </summary>
public sealed partial class SamplePack
{
    public const string PackFileName = "pack.json";
    public const string InstitutionsFileName = "institutions.json";
    public const string StaffFileName = "staff.json";
    public const string RoutingFileName = "routing.dmn";

    /// <summary>The decision the workflow's business-rule task 紹介先判定 asks for; the routing rule set answers it.</summary>
    public const string RoutingDecision = "Routing";

    private readonly Dictionary<string, Institution> _institutionsById;
    private readonly PackFile _file;

    private SamplePack(PackFile pack, IReadOnlyList<Institution> institutions, IReadOnlyList<StaffMember> staff, IReadOnlyList<ReferenceCase> references, DmnModel routing)
    {
        ReferenceCases = references;
        RoutingRules = CompileRouting(routing, institutions);
        _file = pack;
        Municipality = pack.Municipality;
        Settings = pack.Settings;
        Institutions = institutions;
        Staff = staff;
        Routing = routing;
        _institutionsById = institutions.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    public PackMunicipality Municipality { get; }

    public PackSettings Settings { get; }

    public IReadOnlyList<Institution> Institutions { get; }

    public IReadOnlyList<StaffMember> Staff { get; }

    /// <summary>The consultations a routing deployment must keep routing as expected (reference-cases.json; none when the file is absent).</summary>
    public IReadOnlyList<ReferenceCase> ReferenceCases { get; }

    /// <summary>The compiled routing rules; <see cref="DmnModel.VersionHash"/> is recorded with every routing result.</summary>
    public DmnModel Routing { get; }

    /// <summary>The routing tables of <see cref="Routing"/> compiled into NRules rules with the structural rules.</summary>
    public RoutingRuleSet RoutingRules { get; }

    public Institution? FindInstitution(string id) => _institutionsById.GetValueOrDefault(id);

    /// <summary>
    /// The institutions a routed name stands for: the one with that name, or every member of that group
    /// (e.g. 基幹相談支援センター → CoCo, おんぷ, ふれあい). Empty when the name is unknown.
    /// </summary>
    public IReadOnlyList<Institution> InstitutionsNamed(string name) =>
        [.. Institutions.Where(i => i.Name == name || i.Group == name)];

    /// <summary>Loads and checks a pack folder. Throws <see cref="PackException"/> naming the file and field of the first problem.</summary>
    public static SamplePack Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return System.IO.Directory.Exists(directory)
            ? Load(new PackFiles.Folder(directory))
            : throw new PackException(PackFileName, null, $"The pack folder {directory} does not exist.");
    }

    internal static SamplePack Load(PackFiles files)
    {
        var pack = PackJson.Read<PackFile>(files, PackFileName);
        var institutions = PackJson.Read<InstitutionsFile>(files, InstitutionsFileName).Institutions;
        var staff = PackJson.Read<List<StaffMember>>(files, StaffFileName);
        CheckPack(pack);
        CheckInstitutions(institutions, pack.Settings);
        CheckStaff(staff, institutions, pack.Settings);
        var references = files.Exists(RoutingGuard.ReferenceCasesFileName) ? PackJson.Read<List<ReferenceCase>>(files, RoutingGuard.ReferenceCasesFileName) : [];
        using var routing = files.Open(RoutingFileName) ?? throw new PackException(RoutingFileName, null, $"The file is missing (looked in {files.Location}).");
        return new SamplePack(pack, institutions, staff, references, LoadRouting(routing));
    }

    /// <summary>
    /// This pack with other routing rules, checked as on load; the pack itself does not change. A document that is not
    /// readable DMN throws <see cref="ModelParseException"/>, rules that are refused <see cref="PackException"/>.
    /// </summary>
    public SamplePack WithRouting(Stream dmn) => new(_file, Institutions, Staff, ReferenceCases, CheckRouting(DmnModel.Load(dmn)));

    private static void CheckPack(PackFile pack)
    {
        if (!PackIdPattern().IsMatch(pack.Municipality.Id))
        {
            throw new PackException(PackFileName, "municipality.id", "Use lower-case letters, digits and '-' (it is also the folder name).");
        }

        foreach (var (field, value) in new[] { ("settings.monitoringInterval", pack.Settings.MonitoringInterval), ("settings.reminderBefore", pack.Settings.ReminderBefore) })
        {
            if (!DurationPattern().IsMatch(value))
            {
                throw new PackException(PackFileName, field, $"'{value}' is not an ISO 8601 duration such as P3M or P7D.");
            }
        }

        for (var i = 0; i < pack.Settings.Areas.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(pack.Settings.Areas[i]) || pack.Settings.Areas.Take(i).Contains(pack.Settings.Areas[i]))
            {
                throw new PackException(PackFileName, $"settings.areas[{i}]", "Area names must be non-empty and distinct.");
            }
        }
    }

    private static void CheckInstitutions(IReadOnlyList<Institution> institutions, PackSettings settings)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < institutions.Count; i++)
        {
            var institution = institutions[i];
            if (!ids.Add(institution.Id))
            {
                throw new PackException(InstitutionsFileName, $"institutions[{i}].id", $"The id '{institution.Id}' is used twice.");
            }

            // Staff and routing refer to institutions by name, so names must be unique too.
            if (institutions.Take(i).Any(x => x.Name == institution.Name))
            {
                throw new PackException(InstitutionsFileName, $"institutions[{i}].name", $"The name '{institution.Name}' is used twice.");
            }

            if (!InstitutionCategory.All.Contains(institution.Category))
            {
                throw new PackException(InstitutionsFileName, $"institutions[{i}].category", $"'{institution.Category}' is not one of {string.Join(", ", InstitutionCategory.All)}.");
            }

            if (institution.Count < 1)
            {
                throw new PackException(InstitutionsFileName, $"institutions[{i}].count", "The count must be at least 1.");
            }

            CheckArea(institution.Area, settings, InstitutionsFileName, $"institutions[{i}].area");
        }

        var coordinator = institutions.FirstOrDefault(i => i.Id == settings.MultiAgencyInstitution);
        if (coordinator?.Category != InstitutionCategory.MultiAgency)
        {
            throw new PackException(PackFileName, "settings.multiAgencyInstitution", $"'{settings.MultiAgencyInstitution}' is not an institution of category multi-agency in {InstitutionsFileName}.");
        }
    }

    private static void CheckStaff(List<StaffMember> staff, IReadOnlyList<Institution> institutions, PackSettings settings)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < staff.Count; i++)
        {
            var member = staff[i];
            if (!ids.Add(member.Id))
            {
                throw new PackException(StaffFileName, $"[{i}].id", $"The id '{member.Id}' is used twice.");
            }

            if (!institutions.Any(x => x.Name == member.Institution))
            {
                throw new PackException(StaffFileName, $"[{i}].institution", $"No institution in {InstitutionsFileName} is named '{member.Institution}'.");
            }

            if (member.Roles.Count == 0 || member.Roles.Any(r => !StaffRoles.All.Contains(r)))
            {
                throw new PackException(StaffFileName, $"[{i}].roles", $"Roles must be some of {string.Join(", ", StaffRoles.All)}.");
            }

            CheckArea(member.Area, settings, StaffFileName, $"[{i}].area");
        }
    }

    private static void CheckArea(string? area, PackSettings settings, string file, string field)
    {
        if (area is not null && !settings.Areas.Contains(area))
        {
            throw new PackException(file, field, $"'{area}' is not one of the 日常生活圏域 in {PackFileName} settings.areas.");
        }
    }

    private static DmnModel LoadRouting(Stream dmn)
    {
        try
        {
            return CheckRouting(DmnModel.Load(dmn));
        }
        catch (ModelParseException e)
        {
            throw new PackException(RoutingFileName, null, e.Message, e);
        }
    }

    private static DmnModel CheckRouting(DmnModel model)
    {
        if (model.Problems.Count > 0)
        {
            throw new PackException(RoutingFileName, null, "The rules do not compile: " + string.Join(" | ", model.Problems));
        }

        return model;
    }

    private static RoutingRuleSet CompileRouting(DmnModel routing, IReadOnlyList<Institution> institutions)
    {
        try
        {
            return RoutingRuleSet.Compile(routing, institutions);
        }
        catch (NRules.RuleCompilationException e)
        {
            throw new PackException(RoutingFileName, e.RuleName, "The rule does not compile: " + e.Message, e);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    internal static partial Regex PackIdPattern();

    [GeneratedRegex(@"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")]
    private static partial Regex DurationPattern();
}
