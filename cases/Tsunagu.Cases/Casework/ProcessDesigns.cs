using System.Text.Json;
using System.Xml.Linq;
using Tsunagu.Engine;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Validation;
using Tsunagu.Rules.Xml;

namespace Tsunagu.Cases.Casework;

/// <summary>A deployed version of a process as the designer's history lists it.</summary>
public sealed record ProcessVersion(int Version, DateTimeOffset DeployedAt, string DeployedBy, string VersionHash);

/// <summary>A process model saved but not deployed: one per process key, the last one saved wins.</summary>
public sealed record ProcessDraft(string ProcessKey, string Xml, string SavedBy, DateTimeOffset SavedAt);

/// <summary>A reason the model would be refused at deployment, on the element it concerns when it has one.</summary>
public sealed record ProcessProblem(string? ElementId, string Code, string Message);

/// <summary>
/// Designing the deployed processes: a draft per process key (kept in the data folder, like the routing versions),
/// deployment of the draft as a new version, and the history of versions. Running instances stay on the version they
/// started on (the engine's versioned deployments); new instances start on the latest.
/// </summary>
public sealed class ProcessDesigns(IProcessStore store, ProcessEngine engine, string draftsFolder, TimeProvider time)
{
    /// <summary>Deployments made here are named after the person; the host's start-up names its own after the shipped file.</summary>
    public const string DesignerPrefix = "designer/";

    private static readonly HashSet<string> CasePathNodes = new(
        typeof(CaseProcess.Nodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!), StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every version of a deployed process, oldest first; an unknown key is "not found".</summary>
    public async Task<IReadOnlyList<ProcessVersion>> VersionsAsync(string processKey, CancellationToken cancellationToken)
    {
        var versions = await store.GetDeploymentVersionsAsync(processKey, cancellationToken);
        return versions.Count > 0
            ? [.. versions.Select(d => new ProcessVersion(d.Version, d.DeployedAt, DeployedBy(d.Name), d.VersionHash))]
            : throw new CaseNotFoundException($"There is no deployed process '{processKey}'.");
    }

    /// <summary>The model text of one version (the latest when <paramref name="version"/> is null).</summary>
    public async Task<string> VersionXmlAsync(string processKey, int? version, CancellationToken cancellationToken)
    {
        await LatestAsync(processKey, cancellationToken);
        return (await store.GetDeploymentAsync(processKey, version, cancellationToken))?.Xml
            ?? throw new CaseNotFoundException($"Process '{processKey}' has no version {version}.");
    }

    /// <summary>The draft of a process, or null when none is saved.</summary>
    public async Task<ProcessDraft?> DraftAsync(string processKey, CancellationToken cancellationToken)
    {
        await LatestAsync(processKey, cancellationToken);
        var path = DraftPath(processKey);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ProcessDraft>(file, Json, cancellationToken);
    }

    /// <summary>
    /// Saves a draft: it must be a readable BPMN document defining the process (unreadable: <see cref="ModelParseException"/>);
    /// the problems deployment would find are returned, not refused, so work in progress can be kept.
    /// </summary>
    public async Task<(ProcessDraft Draft, IReadOnlyList<ProcessProblem> Problems)> SaveDraftAsync(string processKey, string xml, string savedBy, CancellationToken cancellationToken)
    {
        await LatestAsync(processKey, cancellationToken);
        var problems = Problems(processKey, xml);
        var draft = new ProcessDraft(processKey, xml, savedBy, time.GetUtcNow());
        Directory.CreateDirectory(draftsFolder);
        var staged = DraftPath(processKey) + ".saving";
        await using (var file = File.Create(staged))
        {
            await JsonSerializer.SerializeAsync(file, draft, Json, cancellationToken);
        }

        File.Move(staged, DraftPath(processKey), overwrite: true);
        return (draft, problems);
    }

    /// <summary>
    /// Deploys the saved draft as the next version (refused with the problems as <see cref="BpmnDeploymentException"/>)
    /// and removes the draft. Deploying a draft identical to the latest version adds no version.
    /// </summary>
    public async Task<ProcessVersion> DeployDraftAsync(string processKey, string deployedBy, CancellationToken cancellationToken)
    {
        var draft = await DraftAsync(processKey, cancellationToken)
            ?? throw new CaseRuleException("draft", $"There is no draft of '{processKey}' to deploy; save one first.");
        var problems = Problems(processKey, draft.Xml);
        if (problems.Count > 0)
        {
            throw new BpmnDeploymentException([.. problems.Select(p => new BpmnValidationError { Code = p.Code, ElementId = p.ElementId, Message = p.Message })]);
        }

        var deployed = (await engine.DeployAsync(draft.Xml, DesignerPrefix + deployedBy, cancellationToken)).Single(d => d.ProcessKey == processKey);
        File.Delete(DraftPath(processKey));
        return new ProcessVersion(deployed.Version, deployed.DeployedAt, DeployedBy(deployed.Name), deployed.VersionHash);
    }

    /// <summary>
    /// Whether some version of a deployed process was made from this text, compared by the model's version hash (layout
    /// and comments aside), so deploying it again would undo later versions. One query per process key, no model texts.
    /// </summary>
    public async Task<bool> DeployedBeforeAsync(string xml, CancellationToken cancellationToken)
    {
        var hash = CanonicalXmlHash.Compute(Load(xml));
        foreach (var latest in await store.GetLatestDeploymentsAsync(cancellationToken))
        {
            if (latest.VersionHash == hash || (await store.GetDeploymentVersionsAsync(latest.ProcessKey, cancellationToken)).Any(v => v.VersionHash == hash))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What deployment would refuse, plus Tsunagu's own rules for a designed model: it defines exactly this executable
    /// process (a draft cannot retarget another key), and the case path keeps every node the case services act on.
    /// </summary>
    public static List<ProcessProblem> Problems(string processKey, string xml)
    {
        var problems = ProcessEngine.Validate(xml).Select(e => new ProcessProblem(e.ElementId, e.Code, e.Message)).ToList();
        var document = Load(xml);
        var processes = document.Root?.Elements().Where(e => e.Name.LocalName == "process" && (string?)e.Attribute("isExecutable") == "true").ToList() ?? [];
        if (processes.Count != 1 || (string?)processes[0].Attribute("id") != processKey)
        {
            problems.Add(new ProcessProblem(null, "TSU.ProcessKey", $"The model must define one executable process with id '{processKey}'."));
            return problems;
        }

        if (processKey == CaseProcess.Key)
        {
            var ids = processes[0].Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
            problems.AddRange(CasePathNodes.Where(n => !ids.Contains(n)).Order(StringComparer.Ordinal)
                .Select(n => new ProcessProblem(null, "TSU.CasePathNode", $"The case path needs node '{n}': the case services act on it.")));
        }

        return problems;
    }

    private async Task<DeploymentRecord> LatestAsync(string processKey, CancellationToken cancellationToken) =>
        await store.GetDeploymentAsync(processKey, null, cancellationToken) ?? throw new CaseNotFoundException($"There is no deployed process '{processKey}'.");

    /// <summary>A model text as the engine's parser reads it (the version hash is computed over this document).</summary>
    private static XDocument Load(string xml) => ModelParseException.Load(new StringReader(xml), LoadOptions.None);

    /// <summary>A deployed key is an XML id (no path separators), so it names a file safely.</summary>
    private string DraftPath(string processKey) => Path.Combine(draftsFolder, processKey + ".json");

    private static string DeployedBy(string? name) =>
        name?.StartsWith(DesignerPrefix, StringComparison.Ordinal) == true ? name[DesignerPrefix.Length..] : "system";
}
