using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tsunagu.Cases.Casework;
using Tsunagu.Cases.Packs;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Security;

/// <summary>The served pack's staff as sign-in accounts, sharing one demo password (configured, or generated once per start).</summary>
public sealed class DemoAccounts(IOptions<TsunaguSettings> settings, ServedPack served)
{
    public string Password { get; } = settings.Value.DemoPassword is { Length: > 0 } configured
        ? configured
        : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public StaffMember? Find(string id) => served.Current.Staff.FirstOrDefault(s => s.Id == id);
}
