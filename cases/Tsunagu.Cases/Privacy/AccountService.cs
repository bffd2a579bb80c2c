using Microsoft.AspNetCore.Identity;
using Tsunagu.Cases.Casework;

namespace Tsunagu.Cases.Privacy;

/// <summary>The outcome of a sign-in: the account, or why not (a locked user name says so, an unknown one does not differ from a wrong password).</summary>
public sealed record SignInResult(StaffAccount? Account, DateTimeOffset? LockedUntil)
{
    public bool Succeeded => Account is not null;
}

/// <summary>
/// Sign-in with lockout, password changes and account administration. Passwords are hashed with ASP.NET Core
/// Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, per-account salt, rehash on upgrade). Five failed sign-ins of
/// a user name within 15 minutes lock it for 15 minutes, whether or not an account has that name.
/// </summary>
public sealed class AccountService(IAccountStore store, TimeProvider time)
{
    public const int MinimumPasswordLength = 10;
    public const int LockoutThreshold = 5;
    public static readonly TimeSpan LockoutWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    // Verified against when the user name is unknown, so a wrong name costs as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(new StaffAccount { Id = "", Name = "" }, Guid.NewGuid().ToString());

    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var now = time.GetUtcNow();
        var failures = await store.GetFailuresAsync(userName, cancellationToken);
        if (failures?.LockedUntil is { } until && until > now)
        {
            return new SignInResult(null, until);
        }

        var account = await store.FindAsync(userName, cancellationToken);
        var hash = account is { Disabled: false, PasswordHash: { } stored } ? stored : DecoyHash;
        var verdict = Hasher.VerifyHashedPassword(account ?? new StaffAccount { Id = userName, Name = userName }, hash, password);
        if (account is null || hash == DecoyHash || verdict == PasswordVerificationResult.Failed)
        {
            return new SignInResult(null, await RecordFailureAsync(userName, failures, now, cancellationToken));
        }

        if (failures is not null)
        {
            await store.ClearFailuresAsync(userName, cancellationToken);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account = account with { PasswordHash = Hasher.HashPassword(account, password) };
            await store.UpdateAsync(account, cancellationToken);
        }

        return new SignInResult(account, null);
    }

    /// <summary>Changes the caller's own password after checking the current one.</summary>
    public async Task ChangePasswordAsync(string id, string current, string replacement, CancellationToken cancellationToken)
    {
        var signedIn = await SignInAsync(id, current, cancellationToken);
        var account = signedIn.Account ?? throw new CaseInputException("currentPassword", "The current password is wrong.");
        await store.UpdateAsync(account with { PasswordHash = Hash(account, replacement) }, cancellationToken);
    }

    /// <summary>Creates an account (an administrator's act); the id must be free.</summary>
    public async Task<StaffAccount> CreateAsync(StaffAccount account, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        CheckRoles(account.Roles);
        var created = account with { PasswordHash = Hash(account, password), Disabled = false };
        return await store.AddAsync(created, cancellationToken)
            ? created
            : throw new CaseInputException("id", $"The id '{account.Id}' is taken.");
    }

    public async Task<StaffAccount> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken)
    {
        var account = await Existing(id, cancellationToken) with { Disabled = disabled };
        await store.UpdateAsync(account, cancellationToken);
        return account;
    }

    /// <summary>Sets a new password (an administrator's reset) and lifts a lockout of the user name.</summary>
    public async Task ResetPasswordAsync(string id, string password, CancellationToken cancellationToken)
    {
        var account = await Existing(id, cancellationToken);
        await store.UpdateAsync(account with { PasswordHash = Hash(account, password) }, cancellationToken);
        await store.ClearFailuresAsync(id, cancellationToken);
    }

    /// <summary>Creates the pack's demo accounts that do not exist yet, all with <paramref name="password"/>; returns how many were created.</summary>
    public async Task<int> SeedAsync(IEnumerable<StaffMember> staff, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var created = 0;

        // The demo accounts share one password, so they share one hash: one key derivation instead of one per account.
        string? hash = null;
        foreach (var member in staff)
        {
            var account = new StaffAccount { Id = member.Id, Name = member.Name, Institution = member.Institution, Roles = member.Roles, Area = member.Area };
            if (await store.FindAsync(member.Id, cancellationToken) is null && await store.AddAsync(account with { PasswordHash = hash ??= Hash(account, password) }, cancellationToken))
            {
                created++;
            }
        }

        return created;
    }

    private async Task<DateTimeOffset?> RecordFailureAsync(string userName, SignInFailures? failures, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = failures is null || now - failures.FirstAt > LockoutWindow || failures.LockedUntil is not null
            ? new SignInFailures(userName, 1, now, null)
            : failures with { Count = failures.Count + 1 };
        if (current.Count >= LockoutThreshold)
        {
            current = current with { LockedUntil = now + LockoutDuration };
        }

        await store.SetFailuresAsync(current, cancellationToken);
        return current.LockedUntil;
    }

    private async Task<StaffAccount> Existing(string id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) ?? throw new CaseNotFoundException($"No account '{id}'.");

    private static string Hash(StaffAccount account, string password) =>
        password is { Length: >= MinimumPasswordLength }
            ? Hasher.HashPassword(account, password)
            : throw new CaseInputException("password", $"A password needs at least {MinimumPasswordLength} characters.");

    private static void CheckRoles(IReadOnlyList<string> roles)
    {
        if (roles.Count == 0 || roles.Any(r => !StaffRoles.All.Contains(r)))
        {
            throw new CaseInputException("roles", $"Roles must be some of {string.Join(", ", StaffRoles.All)}.");
        }
    }
}
