using Microsoft.Extensions.Options;
using Tsunagu.Cases.Packs;

namespace Tsunagu.Host.Composition;

/// <summary>Where the host keeps its data and which municipality pack it serves (configuration section "Tsunagu").</summary>
public sealed class TsunaguSettings
{
    public const string Section = "Tsunagu";

    /// <summary>Folder for the SQLite databases and the installation's pack folders.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The municipality pack to serve: a shipped pack (matsudo, ichikawa) or a folder under <see cref="PacksDirectory"/>.</summary>
    public string Pack { get; set; } = "matsudo";

    /// <summary>
    /// Several municipalities in one process (PostgreSQL only, ADR 0023): pack ids, comma-separated or as an array
    /// (<c>Tsunagu:Tenants:0</c>). Not set: the process serves <see cref="Pack"/> alone.
    /// </summary>
    public IReadOnlyList<string> Tenants { get; set; } = [];

    /// <summary>Whether <see cref="Tenants"/> is set: one shell per municipality, and sign-in names the municipality.</summary>
    public bool SeveralTenants => Tenants.Count > 0;

    /// <summary>The packs this process serves: <see cref="Tenants"/>, or <see cref="Pack"/> alone.</summary>
    public IReadOnlyList<string> ServedPacks => SeveralTenants ? Tenants : [Pack];

    /// <summary>Where the designer keeps drafts: a folder per municipality when several are served.</summary>
    public string DraftsDirectory => SeveralTenants ? Path.Combine(DataDirectory, "drafts", Pack) : Path.Combine(DataDirectory, "drafts");

    /// <summary>
    /// The settings of one served municipality: its pack, and on PostgreSQL its share of the connection pool — each
    /// municipality has its own data source, so <c>Maximum Pool Size</c> (Npgsql's default 100) is divided between them.
    /// </summary>
    public TsunaguSettings ForTenant(string pack)
    {
        var tenant = (TsunaguSettings)MemberwiseClone();
        tenant.Pack = pack;
        if (SeveralTenants && Store == TsunaguStore.PostgreSql)
        {
            var pool = new Npgsql.NpgsqlConnectionStringBuilder(StoreConnectionString);
            pool.MaxPoolSize = Math.Max(MinimumPoolPerTenant, pool.MaxPoolSize / ServedPacks.Count);
            pool.MinPoolSize = Math.Min(pool.MinPoolSize, pool.MaxPoolSize);
            tenant.ConnectionString = pool.ConnectionString;
        }

        return tenant;
    }

    /// <summary>A municipality's pool never drops below this, however many share the process.</summary>
    public const int MinimumPoolPerTenant = 4;

    /// <summary>Folder of pack folders that replace the shipped packs; <c>{DataDirectory}/packs</c> when not set.</summary>
    public string? PacksDirectory { get; set; }

    /// <summary>The password of the pack's demo accounts; a random one is generated (and printed) when empty.</summary>
    public string DemoPassword { get; set; } = "";

    /// <summary>Largest request body accepted by the API.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>What wakes the engine for due jobs: hangfire (the default) or inprocess (a plain loop).</summary>
    public string Scheduler { get; set; } = TsunaguScheduling.Hangfire;

    /// <summary>How often the scheduler looks for jobs written by other hosts, besides waking for its own.</summary>
    public TimeSpan SchedulerPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often pending meeting decisions (ADR 0025) are looked for and finished while the host runs, besides at
    /// start-up; a decision is taken up once it is this old, so a request still finishing it is left alone.
    /// </summary>
    public TimeSpan MeetingDecisionSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// An Idempotency-Key reserved this long without an answer belongs to a request that died with its host; a retry
    /// then takes it over (a case started by the dead request is found again by its key).
    /// </summary>
    public TimeSpan IdempotencyAbandonedAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an API bearer token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sign-in attempts one client may make per minute (POST /api/auth/token); more answer 429.</summary>
    public int TokenRequestsPerMinute { get; set; } = 10;

    /// <summary>API requests one signed-in account (or, before sign-in, one client address) may make per minute.</summary>
    public int ApiRequestsPerMinute { get; set; } = 600;

    /// <summary>OpenID Connect sign-in for pages (off while <see cref="OidcSettings.Authority"/> is empty).</summary>
    public OidcSettings Oidc { get; set; } = new();

    public string PacksFolder => PacksDirectory ?? Path.Combine(DataDirectory, "packs");

    public string DatabasePath => Path.Combine(DataDirectory, "tsunagu.db");

    /// <summary>Where cases, tasks, timers and accounts live: sqlite (the embedded default, in the data folder), postgresql or sqlserver (several hosts may share either).</summary>
    public string Store { get; set; } = TsunaguStore.Sqlite;

    /// <summary>The database's connection string; for SQLite, the file in the data folder when not set.</summary>
    public string? ConnectionString { get; set; }

    public string StoreConnectionString => ConnectionString ?? $"Data Source={DatabasePath}";
}

/// <summary>The municipality's identity provider (Entra ID, Keycloak, AD FS); its users are mapped to Tsunagu accounts.</summary>
public sealed class OidcSettings
{
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The claim holding the Tsunagu account id when no account is mapped to the subject yet.</summary>
    public string AccountClaim { get; set; } = "preferred_username";

    public bool Enabled => Authority.Length > 0;
}

/// <summary>Checks the settings when the host starts (ValidateOnStart), so a typo fails at start with the setting named.</summary>
public sealed class TsunaguSettingsValidator(IConfiguration configuration) : IValidateOptions<TsunaguSettings>
{
    public ValidateOptionsResult Validate(string? name, TsunaguSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Tsunagu:DataDirectory must name a folder.");
        }

        var catalog = new PackCatalog(options.PacksFolder);
        if (!catalog.Contains(options.Pack))
        {
            failures.Add($"Tsunagu:Pack '{options.Pack}' is not a pack (shipped: {string.Join(", ", PackCatalog.Shipped)}).");
        }

        if (options.SeveralTenants)
        {
            failures.AddRange(options.ServedPacks.Where(p => !catalog.Contains(p)).Select(p => $"Tsunagu:Tenants names '{p}', which is not a pack."));
            failures.AddRange(options.ServedPacks.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"Tsunagu:Tenants names '{g.Key}' twice."));
            if (options.Store != TsunaguStore.PostgreSql)
            {
                failures.Add($"Tsunagu:Tenants needs Tsunagu:Store {TsunaguStore.PostgreSql}: one process serves several municipalities only on PostgreSQL, whose row-level security keeps them apart; a {options.Store} database holds one municipality (set Tsunagu:Pack instead).");
            }

            if (options.Oidc.Enabled)
            {
                failures.Add("Tsunagu:Oidc cannot be combined with Tsunagu:Tenants yet: each municipality has its own identity provider.");
            }

            if (!string.IsNullOrEmpty(configuration[$"{SmtpSettings.Section}:{nameof(SmtpSettings.Host)}"]))
            {
                failures.Add("Tsunagu:Smtp cannot be combined with Tsunagu:Tenants yet: its address format names one municipality's mail domain, and staff ids repeat across municipalities.");
            }
        }

        if (!TsunaguStore.Supported.Contains(options.Store))
        {
            failures.Add($"Tsunagu:Store '{options.Store}' is not one of {string.Join(", ", TsunaguStore.Supported)}.");
        }
        else if (options.Store != TsunaguStore.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"Tsunagu:ConnectionString is required with Tsunagu:Store {options.Store}.");
        }

        if (!TsunaguScheduling.Supported.Contains(options.Scheduler))
        {
            failures.Add($"Tsunagu:Scheduler '{options.Scheduler}' is not one of {string.Join(", ", TsunaguScheduling.Supported)}.");
        }

        if (options.MaxRequestBytes <= 0)
        {
            failures.Add("Tsunagu:MaxRequestBytes must be positive.");
        }

        if (options.SchedulerPollInterval <= TimeSpan.Zero || options.MeetingDecisionSweepInterval <= TimeSpan.Zero)
        {
            failures.Add("Tsunagu:SchedulerPollInterval and MeetingDecisionSweepInterval must be positive.");
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenRequestsPerMinute <= 0 || options.ApiRequestsPerMinute <= 0)
        {
            failures.Add("Tsunagu:TokenLifetime, TokenRequestsPerMinute and ApiRequestsPerMinute must be positive.");
        }

        if (options.Oidc.Enabled && options.Oidc.ClientId.Length == 0)
        {
            failures.Add("Tsunagu:Oidc:ClientId is required with Tsunagu:Oidc:Authority.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
