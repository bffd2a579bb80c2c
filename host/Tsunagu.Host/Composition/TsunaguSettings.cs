namespace Tsunagu.Host.Composition;

/// <summary>Where the host keeps its data and which municipality pack it serves (configuration section "Tsunagu").</summary>
public sealed class TsunaguSettings
{
    /// <summary>Folder for the SQLite databases (engine state, audit log).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The sample pack to load: a folder name under <see cref="SamplesDirectory"/>.</summary>
    public string Pack { get; set; } = "matsudo";

    /// <summary>Folder of the municipality packs; found by walking up from the program when not set.</summary>
    public string? SamplesDirectory { get; set; }

    /// <summary>Folder of the shipped .bpmn models; found by walking up from the program when not set.</summary>
    public string? WorkflowsDirectory { get; set; }

    /// <summary>The password of the pack's demo accounts.</summary>
    public string DemoPassword { get; set; } = "";

    /// <summary>Largest request body accepted by the API.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>The first folder named <paramref name="name"/> found walking up from the program's folder and the current folder.</summary>
    public static string? Locate(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
