using System.Runtime.ExceptionServices;

namespace Tsunagu.Rules.Tests.Hostile;

/// <summary>
/// Runs hostile input on a thread with the default 1 MiB stack, so a test cannot pass only because the test runner's
/// thread happens to have a bigger one. Measures what the work allocated on that thread.
/// </summary>
internal static class SmallStack
{
    public const int StackSize = 1024 * 1024;

    /// <summary>64 MiB: far above what a refused input may cost, far below what the unbounded case took (1.25 GB).</summary>
    public const long AllocationCap = 64L * 1024 * 1024;

    public static T Run<T>(Func<T> work) => Measure(work).Result;

    /// <summary>The result of <paramref name="work"/> and the bytes it allocated; its exceptions are rethrown here.</summary>
    public static (T Result, long Allocated) Measure<T>(Func<T> work)
    {
        T result = default!;
        long allocated = 0;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // Any exception is carried back to the test thread and rethrown there.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }

                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            },
            StackSize);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return (result, allocated);
    }
}
