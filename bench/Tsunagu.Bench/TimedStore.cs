using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Tsunagu.Engine.Storage;

namespace Tsunagu.Bench;

/// <summary>
/// Wraps a store and adds up, per port method, the time from the call until its task completes: splits an instance's
/// cost into store calls and the engine's own work. Meant for one starter at a time (overlapping calls would add up).
/// </summary>
[SuppressMessage("Performance", "CA1852:Seal internal types", Justification = "DispatchProxy derives its proxy type from this class at run time.")]
internal class TimedStore : DispatchProxy
{
    private readonly ConcurrentDictionary<string, (long Calls, long Ticks)> _totals = new(StringComparer.Ordinal);
    private IProcessStore _inner = null!;

    public IReadOnlyDictionary<string, (long Calls, long Ticks)> Totals => _totals;

    public static IProcessStore Wrap(IProcessStore inner, out TimedStore timed)
    {
        var proxy = Create<IProcessStore, TimedStore>();
        timed = (TimedStore)(object)proxy;
        timed._inner = inner;
        return proxy;
    }

    public void Reset() => _totals.Clear();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var started = Stopwatch.GetTimestamp();
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        if (result is Task task)
        {
            task.ContinueWith(_ => Add(targetMethod.Name, started), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            Add(targetMethod.Name, started);
        }

        return result;
    }

    private void Add(string method, long started)
    {
        var ticks = Stopwatch.GetTimestamp() - started;
        _totals.AddOrUpdate(method, (1, ticks), (_, total) => (total.Calls + 1, total.Ticks + ticks));
    }
}
