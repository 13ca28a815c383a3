namespace AIOps.Grains.Runbooks;

/// <summary>A clock that moves only when told: simulated runbook runs take minutes of estate time in milliseconds.</summary>
/// <param name="start">The starting time.</param>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => _now += by;
}
