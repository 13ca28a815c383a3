using AIOps.Grains.Execution;

namespace AIOps.Grains.Tests.Execution;

/// <summary>A step that counts its calls, writes them to a shared log and fails as told.</summary>
internal sealed class FakeStep(string name, List<string>? log = null, string? integration = null) : IActionStep
{
    private readonly List<string> _log = log ?? [];

    public string Name { get; } = name;

    public string? Integration { get; } = integration;

    public int ExecuteCalls { get; private set; }

    public int CompensateCalls { get; private set; }

    /// <summary>Thrown by the next calls of <see cref="ExecuteAsync"/>, one per call, before it starts succeeding.</summary>
    public Queue<Exception> FailuresBeforeSuccess { get; } = new();

    /// <summary>Thrown by every call of <see cref="ExecuteAsync"/> (a fresh one each time, from the factory).</summary>
    public Func<Exception>? AlwaysFails { get; init; }

    public Exception? CompensationFails { get; init; }

    public Dictionary<string, string> Outputs { get; init; } = [];

    /// <summary>Runs inside <see cref="ExecuteAsync"/> before the outcome, e.g. to hang until cancelled.</summary>
    public Func<CancellationToken, Task>? During { get; init; }

    public List<StepContext> Contexts { get; } = [];

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ExecuteCalls++;
        Contexts.Add(context);
        _log.Add($"execute {Name}");
        if (During is not null)
        {
            await During(cancellationToken);
        }

        if (FailuresBeforeSuccess.TryDequeue(out var failure))
        {
            throw failure;
        }

        if (AlwaysFails is not null)
        {
            throw AlwaysFails();
        }

        return StepOutcome.Completed($"{Name} done", Outputs);
    }

    public Task<StepOutcome> CompensateAsync(StepContext context, CancellationToken cancellationToken)
    {
        CompensateCalls++;
        Contexts.Add(context);
        _log.Add($"compensate {Name}");
        return CompensationFails is null ? Task.FromResult(StepOutcome.Completed($"{Name} undone")) : throw CompensationFails;
    }
}
