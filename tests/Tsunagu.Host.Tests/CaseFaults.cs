using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tsunagu.Engine.Storage;
using Tsunagu.Host.Composition;

namespace Tsunagu.Host.Tests;

/// <summary>Where a test double fails: once, for the case named (none yet: it does not fail); always, for the broken case.</summary>
internal sealed class Fault
{
    public string? CaseId { get; set; }

    public string? Broken { get; set; }

    public int Failures { get; set; }

    /// <summary>Whether this write fails (the first write of the armed case that <paramref name="matches"/>).</summary>
    public bool Fails(string? caseId, bool matches)
    {
        if (matches && caseId is not null && caseId == Broken)
        {
            return true;
        }

        if (CaseId is null || caseId != CaseId || !matches || Failures > 0)
        {
            return false;
        }

        Failures = 1;
        return true;
    }
}

/// <summary>The real process store, except that the first commit of the armed case fails as a lost connection would.</summary>
internal sealed class FailingCommits(IProcessStore inner, Fault fault) : DelegatingProcessStore(inner)
{
    public static Action<IServiceCollection> Over(Fault fault) =>
        s => s.Replace(ServiceDescriptor.Singleton<IProcessStore>(sp => new FailingCommits(sp.GetRequiredService<TsunaguStore>().Engine, fault)));

    public override Task CommitAsync(InstanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return fault.Fails(commit.Instance.BusinessKey, matches: true)
            ? throw new TimeoutException("The connection was lost (injected).")
            : base.CommitAsync(commit, cancellationToken);
    }
}
