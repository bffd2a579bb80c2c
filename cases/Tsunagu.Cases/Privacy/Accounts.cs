namespace Tsunagu.Cases.Privacy;

/// <summary>
/// A sign-in account: a member of staff of the served municipality, or an outside meeting member (民生委員, 医師会, a
/// school) whose account grants nothing but their meetings. The password is kept only as a hash.
/// </summary>
public sealed record StaffAccount
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The institution the account works for; null for outside meeting members.</summary>
    public string? Institution { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The 日常生活圏域 the account is bound to, if any.</summary>
    public string? Area { get; init; }

    public string? PasswordHash { get; init; }

    public bool Disabled { get; init; }

    /// <summary>The subject an OpenID Connect provider gives this person (null until mapped).</summary>
    public string? ExternalSubject { get; init; }
}

/// <summary>Failed sign-ins of one user name (whether or not an account has it), for the lockout rule.</summary>
public sealed record SignInFailures(string UserName, int Count, DateTimeOffset FirstAt, DateTimeOffset? LockedUntil);

/// <summary>The accounts port: one adapter per store (SQLite embedded, PostgreSQL and SQL Server scaled out).</summary>
public interface IAccountStore
{
    Task<StaffAccount?> FindAsync(string id, CancellationToken cancellationToken);

    Task<StaffAccount?> FindByExternalSubjectAsync(string subject, CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds the account; false when the id is taken.</summary>
    Task<bool> AddAsync(StaffAccount account, CancellationToken cancellationToken);

    Task UpdateAsync(StaffAccount account, CancellationToken cancellationToken);

    Task<SignInFailures?> GetFailuresAsync(string userName, CancellationToken cancellationToken);

    Task SetFailuresAsync(SignInFailures failures, CancellationToken cancellationToken);

    Task ClearFailuresAsync(string userName, CancellationToken cancellationToken);
}
