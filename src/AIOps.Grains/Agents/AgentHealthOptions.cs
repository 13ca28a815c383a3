namespace AIOps.Grains.Agents;

/// <summary>How agents check their health and recover; section <c>AIOps:AgentHealth</c>.</summary>
public sealed class AgentHealthOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AIOps:AgentHealth";

    /// <summary>Time between checks.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a single check may take before it counts as failed.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed checks in a row before the agent is marked degraded.</summary>
    public int FailuresBeforeDegraded { get; set; } = 3;

    /// <summary>Wait before the first automatic restart; doubles with each restart.</summary>
    public TimeSpan RestartBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait between automatic restarts.</summary>
    public TimeSpan MaxRestartBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The wait before restart number <paramref name="restart"/> (0-based).</summary>
    public TimeSpan BackoffFor(int restart)
    {
        var factor = Math.Pow(2, Math.Min(restart, 20));
        var wait = TimeSpan.FromTicks((long)Math.Min(RestartBackoff.Ticks * factor, MaxRestartBackoff.Ticks));
        return wait < RestartBackoff ? RestartBackoff : wait;
    }
}
