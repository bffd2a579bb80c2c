using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using Tsunagu.Cases;
using Tsunagu.Cases.Packs;
using Tsunagu.Engine.Hangfire;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Composition;

/// <summary>
/// Which registrations belong to one municipality (ADR 0023): every service type <see cref="TsunaguServices.AddTsunagu"/>
/// registers for a pack, and the start-up services a shell runs. The host's provider factory moves the final
/// descriptors of those types (tests may have replaced some) into each shell.
/// </summary>
public sealed class ShellBlueprint
{
    internal HashSet<Type> Types { get; } = [];

    internal List<ServiceDescriptor> Descriptors { get; } = [];

    /// <summary>Run in this order when a shell starts, stopped in reverse.</summary>
    internal List<Type> StartupServices { get; } = [];

    /// <summary>Records the types <paramref name="register"/> adds to <paramref name="services"/> as a municipality's.</summary>
    internal void Record(IServiceCollection services, Action<IServiceCollection> register)
    {
        var before = services.Count;
        register(services);
        Types.UnionWith(services.Skip(before).Select(d => d.ServiceType));
    }
}

/// <summary>
/// Builds the host's provider without the municipality's registrations: each shell gets them, and the host keeps a
/// forwarder per type so endpoints still bind them as services and code outside a request finds the only shell.
/// </summary>
public sealed class ShellServiceProviderFactory(ServiceProviderOptions options) : IServiceProviderFactory<IServiceCollection>
{
    public IServiceCollection CreateBuilder(IServiceCollection services) => services;

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
    {
        ArgumentNullException.ThrowIfNull(containerBuilder);
        var blueprint = containerBuilder.Select(d => d.IsKeyedService ? null : d.ImplementationInstance).OfType<ShellBlueprint>().Single();
        var host = new ServiceCollection();
        foreach (var descriptor in containerBuilder)
        {
            (blueprint.Types.Contains(descriptor.ServiceType) ? blueprint.Descriptors : (ICollection<ServiceDescriptor>)host).Add(descriptor);
        }

        foreach (var type in blueprint.Types)
        {
            host.AddSingleton(type, sp => sp.GetRequiredService<TenantShells>().OnlyShellService(type));
        }

        return host.BuildServiceProvider(options);
    }
}

/// <summary>One municipality's services: its pack, store, engine, scheduler, accounts and caches, in a provider of its own.</summary>
public sealed class TenantShell : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HashSet<Type> _types;

    internal TenantShell(string id, ServiceProvider services, HashSet<Type> types)
    {
        Id = id;
        _services = services;
        _types = types;
    }

    /// <summary>The pack id, which is also the tenant of its PostgreSQL sessions and of its tokens and cookies.</summary>
    public string Id { get; }

    /// <summary>The municipality's name as its pack writes it (松戸市).</summary>
    public string Name => Services.GetRequiredService<ServedPack>().Current.Municipality.Name;

    public IServiceProvider Services => _services;

    internal bool Provides(Type type) => _types.Contains(type);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>
/// The municipalities this process serves: one shell for <c>Tsunagu:Pack</c>, or one per <c>Tsunagu:Tenants</c>. A
/// request runs in the shell of its principal's municipality (<see cref="AccountClaims.TenantClaim"/>); an anonymous
/// one in the only shell, or, serving several, in none until sign-in names one.
/// </summary>
public sealed class TenantShells : IAsyncDisposable
{
    private readonly Dictionary<string, TenantShell> _shells;

    public TenantShells(IServiceProvider host, ShellBlueprint blueprint, IOptions<TsunaguSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(blueprint);
        ArgumentNullException.ThrowIfNull(settings);
        Several = settings.Value.SeveralTenants;
        var validate = new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true };
        _shells = settings.Value.ServedPacks.ToDictionary(
            pack => pack,
            pack => new TenantShell(pack, Build(host, blueprint, settings.Value.ForTenant(pack)).BuildServiceProvider(validate), [.. blueprint.Types, typeof(IOptions<TsunaguSettings>)]),
            StringComparer.Ordinal);
    }

    public IReadOnlyCollection<TenantShell> All => _shells.Values;

    /// <summary>Whether <c>Tsunagu:Tenants</c> is set: sign-in then names the municipality.</summary>
    public bool Several { get; }

    public TenantShell? Find(string? tenant) => tenant is not null && _shells.TryGetValue(tenant, out var shell) ? shell : null;

    /// <summary>The shell a request runs in, or null (an anonymous request to a host of several municipalities).</summary>
    public static TenantShell? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<TenantShell>();
    }

    /// <summary>
    /// Runs the rest of a sign-in request in <paramref name="municipality"/>'s shell and returns its services. Serving
    /// one municipality, naming it is optional.
    /// </summary>
    public IServiceProvider Enter(HttpContext context, string? municipality)
    {
        ArgumentNullException.ThrowIfNull(context);
        var served = string.Join(", ", _shells.Keys.Order(StringComparer.Ordinal));
        var shell = municipality is null ? Of(context) : Find(municipality);
        if (shell is null || (Of(context) is { } entered && entered != shell))
        {
            throw new CaseInputException("municipality", municipality is null ? $"Name the municipality (自治体): one of {served}." : $"'{municipality}' is not served here ({served}).");
        }

        Enter(context, shell);
        return context.RequestServices;
    }

    internal static void Enter(HttpContext context, TenantShell shell)
    {
        if (Of(context) is not null)
        {
            return;
        }

        var scope = shell.Services.CreateAsyncScope();
        context.Response.RegisterForDisposeAsync(scope);
        context.Features.Set(shell);
        context.RequestServices = new ShellRequestServices(shell, scope.ServiceProvider, context.RequestServices);
    }

    /// <summary>A municipality's service asked of the host's provider (the CLI, tests): there is one only when one municipality is served.</summary>
    internal object OnlyShellService(Type type) => Several
        ? throw new InvalidOperationException($"{type.Name} belongs to one municipality and this process serves several (Tsunagu:Tenants); resolve it from that municipality's shell.")
        : _shells.Values.Single().Services.GetRequiredService(type);

    public async ValueTask DisposeAsync()
    {
        foreach (var shell in _shells.Values)
        {
            await shell.DisposeAsync();
        }
    }

    /// <summary>The municipality's registrations, its settings, and the few host services they use (shared, never disposed by the shell).</summary>
    private static ServiceCollection Build(IServiceProvider host, ShellBlueprint blueprint, TsunaguSettings settings)
    {
        var services = new ServiceCollection();
        foreach (var descriptor in blueprint.Descriptors)
        {
            ((ICollection<ServiceDescriptor>)services).Add(descriptor);
        }

        services.AddSingleton(Options.Create(settings));
        foreach (var shared in new[] { typeof(TimeProvider), typeof(ILoggerFactory), typeof(JobStorage), typeof(HangfireWorkers), typeof(IOptions<SmtpSettings>), typeof(IOptionsMonitor<BearerTokenOptions>) })
        {
            services.AddSingleton(shared, host.GetRequiredService(shared));
        }

        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        foreach (var startup in blueprint.StartupServices)
        {
            services.AddSingleton(typeof(IHostedService), startup);
        }

        return services;
    }

    /// <summary>A request's services: the shell's for the municipality's types, the host's for everything else.</summary>
    private sealed class ShellRequestServices(TenantShell shell, IServiceProvider shellScope, IServiceProvider request) : IKeyedServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IServiceProvider) ? this : shell.Provides(serviceType) ? shellScope.GetService(serviceType) : request.GetService(serviceType);

        // A municipality registers no keyed services.
        public object? GetKeyedService(Type serviceType, object? serviceKey) => request.GetKeyedService(serviceType, serviceKey);

        public object GetRequiredKeyedService(Type serviceType, object? serviceKey) => request.GetRequiredKeyedService(serviceType, serviceKey);
    }
}

/// <summary>
/// Starts every shell's start-up services (store, accounts, workflows, scheduler) with the host, then the one Hangfire
/// server on the queues of the schedulers that started; stops the server, then the shells.
/// </summary>
public sealed class ShellHost(TenantShells shells, HangfireWorkers workers) : IHostedService
{
    private readonly Lock _gate = new();
    private IReadOnlyList<IHostedService[]> _started = [];
    private Task? _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _started = [.. shells.All.Select(s => s.Services.GetServices<IHostedService>().ToArray())];
        await Task.WhenAll(_started.Select(async services =>
        {
            foreach (var service in services)
            {
                await service.StartAsync(cancellationToken);
            }
        }));
        workers.Start();
    }

    /// <summary>
    /// Stops once, with the services taken at start: a host may be stopped twice at the same time (the program's wait
    /// for shutdown and its owner), and the program disposes the shells as soon as its own stop returns.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _stopped ??= StopShellsAsync(cancellationToken);
        }
    }

    private async Task StopShellsAsync(CancellationToken cancellationToken)
    {
        await workers.StopAsync();
        await Task.WhenAll(_started.Select(async services =>
        {
            foreach (var service in services.Reverse())
            {
                await service.StopAsync(cancellationToken);
            }
        }));
    }
}

/// <summary>Runs each request in its municipality's shell, chosen by the signed-in principal's tenant claim.</summary>
public static class TenantShellMiddleware
{
    public static void UseTenantShells(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var shells = app.Services.GetRequiredService<TenantShells>;
        app.Use((context, next) =>
        {
            var all = shells();
            // AccountClaims made a principal of a municipality not served here anonymous, so a signed-in one has a shell.
            var shell = context.User.Identity?.IsAuthenticated == true
                ? all.Find(context.User.FindFirstValue(AccountClaims.TenantClaim))
                : all.Several ? null : all.All.Single();
            if (shell is not null)
            {
                TenantShells.Enter(context, shell);
            }

            return next(context);
        });
    }
}
