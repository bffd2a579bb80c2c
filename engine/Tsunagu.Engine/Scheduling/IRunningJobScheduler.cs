using Tsunagu.Engine.Extensibility;

namespace Tsunagu.Engine.Scheduling;

/// <summary>A scheduler that runs inside the host: started with the engine it wakes, stopped at shutdown, and reporting its health.</summary>
public interface IRunningJobScheduler : IJobScheduler
{
    /// <summary>Whether it runs and its latest run succeeded.</summary>
    bool Healthy { get; }

    /// <summary>Runs that failed so far (a failing run does not stop the scheduler).</summary>
    int Faults { get; }

    void Start(ProcessEngine engine);

    /// <summary>Stops and waits for the run under way to end; safe to call more than once.</summary>
    Task StopAsync();
}
