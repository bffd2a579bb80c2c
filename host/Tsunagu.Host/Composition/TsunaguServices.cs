using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Indicators;
using Tsunagu.Cases.Notes;
using Tsunagu.Cases.Notifications;
using Tsunagu.Cases.Packs;
using Tsunagu.Cases.People;
using Tsunagu.Cases.Plans;
using Tsunagu.Cases.Privacy;
using Tsunagu.Cases.Requests;
using Tsunagu.Cases.Routing;
using Tsunagu.Engine;
using Tsunagu.Engine.Execution;
using Tsunagu.Engine.Extensibility;
using Tsunagu.Engine.Scheduling;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Composition;

/// <summary>
/// The composition root. Registration does no I/O: settings bind lazily and are validated at start. A municipality's
/// services live in its shell (<see cref="TenantShells"/>); opening its store, seeding its accounts, deploying the shipped
/// workflows and running its scheduler are its start-up services, run in that order when the host starts.
/// </summary>
public static class TsunaguServices
{
    public static IServiceCollection AddTsunagu(this IServiceCollection services)
    {
        services.AddOptions<TsunaguSettings>().BindConfiguration(TsunaguSettings.Section).ValidateOnStart()
            .PostConfigure<IConfiguration>((settings, configuration) => settings.Tenants = settings.SeveralTenants ? settings.Tenants : TenantsList(configuration));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TsunaguSettings>, TsunaguSettingsValidator>());
        // Kestrel is built with the application, before settings are validated at start; it reads the raw value.
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, configuration) =>
            kestrel.Limits.MaxRequestBodySize = (configuration.GetSection(TsunaguSettings.Section).Get<TsunaguSettings>() ?? new()).MaxRequestBytes);

        services.TryAddSingleton(TimeProvider.System);
        services.AddTsunaguScheduling();
        services.AddCaseworkMail();
        services.TryAddSingleton<TenantShells>();
        var blueprint = new ShellBlueprint();
        services.AddSingleton(blueprint);
        blueprint.Record(services, AddMunicipality);
        blueprint.StartupServices.AddRange([typeof(StoreInitializer), typeof(AccountSeeder), typeof(WorkflowDeployer), typeof(MeetingDecisionRecovery), typeof(JobSchedulerService)]);
        services.AddHostedService<ShellHost>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [HealthTags.Ready])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [HealthTags.Ready]);
        return services;
    }

    /// <summary>One municipality's services, built once per served pack in its shell (ADR 0023).</summary>
    private static void AddMunicipality(IServiceCollection services)
    {
        services.TryAddSingleton<Readiness>();
        services.TryAddSingleton(sp => new PackCatalog(Settings(sp).PacksFolder));
        services.TryAddSingleton(sp => new ServedPack(sp.GetRequiredService<PackCatalog>(), Settings(sp).Pack));
        services.TryAddSingleton(sp => TsunaguStore.Create(Settings(sp).Store, Settings(sp).StoreConnectionString, Settings(sp).Pack, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<TsunaguStore>().Engine);
        services.TryAddSingleton(sp => sp.GetRequiredService<TsunaguStore>().Audit);
        services.TryAddSingleton<IAccountStore>(sp => sp.GetRequiredService<TsunaguStore>().Domain);
        services.TryAddSingleton<IMeetingStore>(sp => sp.GetRequiredService<TsunaguStore>().Domain);
        services.TryAddSingleton<IIdempotencyStore>(sp => sp.GetRequiredService<TsunaguStore>().Domain);
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<DemoSeed>();
        services.TryAddSingleton<TokenService>();
        services.AddTsunaguShellScheduler();
        services.TryAddSingleton(sp => new RoutingService(sp.GetRequiredService<PackCatalog>()));
        services.TryAddSingleton<IDecisionService>(sp => new PackDecisionService(sp.GetRequiredService<PackCatalog>(), Settings(sp).Pack, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => CaseEngine.Create(
            sp.GetRequiredService<IProcessStore>(),
            sp.GetRequiredService<ServedPack>().Current,
            sp.GetRequiredService<IDecisionService>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<INotificationStore>(),
            sp.GetRequiredService<IRunningJobScheduler>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ProcessEngine>()));
        services.TryAddSingleton(sp => new CaseService(
            sp.GetRequiredService<ProcessEngine>(), CaseSettings.FromPack(sp.GetRequiredService<ServedPack>().Current), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<CaseDesk>();
        services.TryAddSingleton<CaseFiles>();
        services.TryAddSingleton(sp => new ReroutingService(sp.GetRequiredService<ProcessEngine>(), sp.GetRequiredService<ServedPack>()));
        services.TryAddSingleton<CaseRerouting>();
        services.TryAddSingleton<MeetingService>();
        services.TryAddSingleton<IPersonStore>(sp => sp.GetRequiredService<TsunaguStore>().Domain);
        services.TryAddSingleton<PeopleService>();
        services.TryAddSingleton<IPlanStore>(sp => sp.GetRequiredService<TsunaguStore>().Domain);
        services.TryAddSingleton<PlanService>();
        services.TryAddSingleton<INoteStore>(sp => sp.GetRequiredService<TsunaguStore>().Domain);
        services.TryAddSingleton<NoteService>();
        services.TryAddSingleton<CaseLifecycle>();
        services.TryAddSingleton<INotificationStore>(sp => sp.GetRequiredService<TsunaguStore>().Domain);
        services.TryAddSingleton<NotificationService>();
        services.TryAddSingleton<ICaseRegister>(sp => sp.GetRequiredService<TsunaguStore>().Domain);
        services.TryAddSingleton<ReportService>();
        services.TryAddSingleton<MailOutbox>();
        services.TryAddSingleton(sp => new IndicatorService(sp.GetRequiredService<ProcessEngine>()));
        services.TryAddSingleton<ProcessMonitor>();
        services.TryAddSingleton<RoutingTrial>();
        services.TryAddSingleton<TaskForms>();
        services.TryAddSingleton<TaskDueDates>();
        services.TryAddSingleton(sp => new ProcessDesigns(
            sp.GetRequiredService<IProcessStore>(), sp.GetRequiredService<ProcessEngine>(), Settings(sp).DraftsDirectory, sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary><c>Tsunagu:Tenants</c> written as one comma-separated value binds to no list; it is split here.</summary>
    private static string[] TenantsList(IConfiguration configuration) =>
        (configuration[$"{TsunaguSettings.Section}:{nameof(TsunaguSettings.Tenants)}"] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static TsunaguSettings Settings(IServiceProvider services) => services.GetRequiredService<IOptions<TsunaguSettings>>().Value;
}

/// <summary>Health check tags: <c>/health/live</c> runs none (the process answers), <c>/health/ready</c> runs those tagged ready.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
