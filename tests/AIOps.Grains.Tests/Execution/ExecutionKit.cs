using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Grains.Execution;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AIOps.Grains.Tests.Execution;

/// <summary>Actions, runners and settings shared by the execution tests; delays are milliseconds so the tests stay fast.</summary>
internal static class ExecutionKit
{
    public static readonly DateTimeOffset At = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static AgentAction Action(string id = "act-1", ActionStatus status = ActionStatus.Executing, string type = "scale") =>
        new(id, "k8s", type, "scale cart", ["k8s:prod:deployment/shop/cart"], RiskLevel.Low, "+2 pods", status, At, At, null, $"key-{id}", 3, At);

    public static ActionRunnerOptions FastOptions(int maxRetries = 3, int minimumThroughput = 100, TimeSpan? stepTimeout = null) => new()
    {
        MaxRetryAttempts = maxRetries,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        FailureRatio = 0.5,
        MinimumThroughput = minimumThroughput,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromMinutes(1),
        StepTimeout = stepTimeout ?? TimeSpan.FromSeconds(5),
    };

    public static ResilienceRegistry Resilience(ActionRunnerOptions? options = null) =>
        new(Options.Create(options ?? FastOptions()), TimeProvider.System);

    public static ActionRunner Runner(ResilienceRegistry resilience) =>
        new(resilience, TimeProvider.System, NullLogger<ActionRunner>.Instance);
}
