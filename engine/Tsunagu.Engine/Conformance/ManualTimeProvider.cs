namespace Tsunagu.Engine.Conformance;

/// <summary>A clock that moves only when told to, so timers months ahead fire in microseconds.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void SetTo(DateTimeOffset at) => _now = at;
}
