using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.Routing;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Scheduling;
using Tsunagu.Engine.Storage;
using Tsunagu.Engine.Storage.Sqlite;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Composition;

/// <summary>The composition root: the pack, the SQLite stores, the engine with its scheduler and decisions, the case services.</summary>
public static class TsunaguServices
{
    public static async Task AddTsunaguAsync(this IServiceCollection services, TsunaguSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var samples = settings.SamplesDirectory ?? TsunaguSettings.Locate("samples")
            ?? throw new DirectoryNotFoundException("No 'samples' folder with municipality packs was found; set Tsunagu:SamplesDirectory.");
        var workflows = settings.WorkflowsDirectory ?? TsunaguSettings.Locate("workflows")
            ?? throw new DirectoryNotFoundException("No 'workflows' folder was found; set Tsunagu:WorkflowsDirectory.");
        Directory.CreateDirectory(settings.DataDirectory);
        var catalog = new SamplePackCatalog(CopyPacks(samples, Path.Combine(settings.DataDirectory, "packs")));
        var pack = catalog.Get(settings.Pack);
        var store = await SqliteProcessStore.OpenAsync($"Data Source={Path.Combine(settings.DataDirectory, "tsunagu.db")}", cancellationToken);
        if (settings.DemoPassword.Length == 0)
        {
            settings.DemoPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddSingleton(catalog);
        services.AddSingleton(pack);
        services.AddSingleton<IProcessStore>(_ => store);
        services.AddSingleton(new WorkflowFolder(workflows));
        services.AddSingleton<IStaffDirectory>(new PackStaffDirectory(pack));
        services.AddSingleton<IAuditLog>(new SqliteAuditLog($"Data Source={Path.Combine(settings.DataDirectory, "audit.db")}"));
        services.AddSingleton(new RoutingService(catalog));
        services.AddSingleton(sp => new InProcessJobScheduler(sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(30)));
        services.AddSingleton(sp => CaseEngine.Decisions(pack, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => CaseEngine.Create(
            store, pack, sp.GetRequiredService<DmnDecisionService>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<InProcessJobScheduler>()));
        services.AddSingleton(sp => new CaseService(sp.GetRequiredService<ProcessEngine>(), CaseSettings.FromPack(pack), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new IndicatorService(sp.GetRequiredService<ProcessEngine>()));
    }

    /// <summary>Deploys the shipped workflows (a no-op for unchanged files) and starts the scheduler.</summary>
    public static async Task StartTsunaguAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var engine = services.GetRequiredService<ProcessEngine>();
        foreach (var file in Directory.EnumerateFiles(services.GetRequiredService<WorkflowFolder>().Path, "*.bpmn").Order(StringComparer.Ordinal))
        {
            await engine.DeployAsync(await File.ReadAllTextAsync(file, cancellationToken), Path.GetFileName(file), cancellationToken);
        }

        services.GetRequiredService<InProcessJobScheduler>().Start(engine);
    }

    /// <summary>
    /// The packs the host serves live in its data folder, copied from the shipped samples on first start, so that an
    /// administrator's edits (a redeployed routing table) change this installation, not the samples.
    /// </summary>
    private static string CopyPacks(string samples, string packs)
    {
        foreach (var source in Directory.EnumerateDirectories(samples))
        {
            var target = Path.Combine(packs, Path.GetFileName(source));
            if (Directory.Exists(target))
            {
                continue;
            }

            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(source))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        return packs;
    }

    /// <summary>The folder the shipped .bpmn models are deployed from.</summary>
    public sealed record WorkflowFolder(string Path);

    private sealed class PackStaffDirectory(SamplePack pack) : IStaffDirectory
    {
        public StaffMember? Find(string id) => pack.Staff.FirstOrDefault(s => s.Id == id);
    }
}
