using System.Globalization;
using System.Security.Claims;
using Tsunagu.Cases.Privacy;
using Tsunagu.Host.Composition;
using Tsunagu.Host.Security;

namespace Tsunagu.Host.Endpoints;

/// <summary>Sign-in for the API (bearer tokens), one's own password, and account administration.</summary>
public static class AuthEndpoints
{
    public const string TokenRateLimit = "token";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueTokenAsync).WithName("IssueToken").WithSummary("Sign in: a bearer token for the API")
            .Accepts<TokenRequest>("application/json").Produces<TokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized)
            .AllowAnonymous().RequireRateLimiting(TokenRateLimit)
            .Audited("auth.token", "サインイン");
        app.MapPost("/api/auth/password", ChangePasswordAsync).WithName("ChangePassword").WithSummary("Change my password")
            .Accepts<PasswordChange>("application/json").RequireAuthorization(Policies.SignedIn).Audited("auth.password", "パスワード変更");

        var admin = app.MapGroup("/api/admin/accounts").RequireAuthorization(Policies.Admin);
        admin.MapGet("", ListAsync).WithName("ListAccounts").WithSummary("Accounts").Audited("account.list", "アカウント管理");
        admin.MapPost("", CreateAsync).WithName("CreateAccount").WithSummary("Create an account (staff or an outside meeting member)")
            .Accepts<NewAccount>("application/json").Produces<AccountView>(StatusCodes.Status201Created).Audited("account.create", "アカウント管理").Idempotent();
        admin.MapPost("/{accountId}/disable", (string accountId, AccountService accounts, CancellationToken ct) => SetDisabledAsync(accountId, true, accounts, ct))
            .WithName("DisableAccount").WithSummary("Disable an account (its tokens stop working at once)").Audited("account.disable", "アカウント管理");
        admin.MapPost("/{accountId}/enable", (string accountId, AccountService accounts, CancellationToken ct) => SetDisabledAsync(accountId, false, accounts, ct))
            .WithName("EnableAccount").WithSummary("Enable an account").Audited("account.enable", "アカウント管理");
        admin.MapPost("/{accountId}/password", ResetPasswordAsync).WithName("ResetPassword").WithSummary("Set a new password and lift a lockout")
            .Accepts<PasswordReset>("application/json").Audited("account.reset", "アカウント管理");
    }

    private static async Task<IResult> IssueTokenAsync(JsonBody body, TenantShells shells, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        using (body)
        {
            var request = body.Read<TokenRequest>();
            var municipality = shells.Enter(context, request.Municipality);
            var accounts = municipality.GetRequiredService<AccountService>();
            var tokens = municipality.GetRequiredService<TokenService>();
            var result = await accounts.SignInAsync(request.UserName, request.Password, cancellationToken);
            if (result.Account is { } account)
            {
                context.SetAuditActor(account.Id);
                var (token, expiresIn) = tokens.Issue(account.Id);
                return Results.Ok(new TokenResponse(token, expiresIn));
            }

            if (result.LockedUntil is { } until)
            {
                context.Response.Headers.RetryAfter = Math.Ceiling((until - time.GetUtcNow()).TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Sign-in is locked for a while.",
                    detail: $"Too many failed sign-ins for this user name. Try again after {until:yyyy-MM-dd HH:mm:ss} UTC.",
                    type: "https://tsunagu.dev/problems/sign-in-locked");
            }

            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The user name or password is wrong.", type: "https://tsunagu.dev/problems/sign-in-failed");
        }
    }

    private static async Task<IResult> ChangePasswordAsync(JsonBody body, AccountService accounts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using (body)
        {
            var change = body.Read<PasswordChange>();
            await accounts.ChangePasswordAsync(user.Caller().Id, change.CurrentPassword, change.NewPassword, cancellationToken);
            return Results.NoContent();
        }
    }

    private static async Task<IResult> ListAsync(IAccountStore store, CancellationToken cancellationToken) =>
        Results.Ok((await store.ListAsync(cancellationToken)).Select(AccountView.Of));

    private static async Task<IResult> CreateAsync(JsonBody body, AccountService accounts, CancellationToken cancellationToken)
    {
        using (body)
        {
            var request = body.Read<NewAccount>();
            var account = await accounts.CreateAsync(
                new StaffAccount { Id = request.Id, Name = request.Name, Institution = request.Institution, Roles = request.Roles, Area = request.Area },
                request.Password,
                cancellationToken);
            return Results.Json(AccountView.Of(account), statusCode: StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> SetDisabledAsync(string accountId, bool disabled, AccountService accounts, CancellationToken cancellationToken) =>
        Results.Ok(AccountView.Of(await accounts.SetDisabledAsync(accountId, disabled, cancellationToken)));

    private static async Task<IResult> ResetPasswordAsync(string accountId, JsonBody body, AccountService accounts, CancellationToken cancellationToken)
    {
        using (body)
        {
            await accounts.ResetPasswordAsync(accountId, body.Read<PasswordReset>().Password, cancellationToken);
            return Results.NoContent();
        }
    }

    /// <summary>A sign-in; <paramref name="Municipality"/> (the pack id, 自治体) is required when the host serves several.</summary>
    public sealed record TokenRequest(string UserName, string Password, string? Municipality = null);

    public sealed record TokenResponse(string AccessToken, int ExpiresIn);

    public sealed record PasswordChange(string CurrentPassword, string NewPassword);

    public sealed record PasswordReset(string Password);

    public sealed record NewAccount(string Id, string Name, IReadOnlyList<string> Roles, string Password, string? Institution = null, string? Area = null);

    public sealed record AccountView(string Id, string Name, string? Institution, IReadOnlyList<string> Roles, string? Area, bool Disabled)
    {
        public static AccountView Of(StaffAccount account)
        {
            ArgumentNullException.ThrowIfNull(account);
            return new(account.Id, account.Name, account.Institution, account.Roles, account.Area, account.Disabled);
        }
    }
}
