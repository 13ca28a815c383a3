using System.Collections.Concurrent;
using AIOps.Abstractions.Actions;
using AIOps.Grains.Execution;

namespace AIOps.Grains.Tests;

/// <summary>Action types the cluster tests can execute: each plan writes what it does to <see cref="Log"/>, keyed by action id.</summary>
internal static class TestPlanners
{
    public const string Succeeds = "test-succeeds";

    public const string FailsAtApply = "test-fails-at-apply";

    /// <summary>A step that waits until the test opens the action's gate (<see cref="Gate"/>).</summary>
    public const string WaitsForGate = "test-waits-for-gate";

    /// <summary>A step that never finishes: the action stays executing until its silo goes away.</summary>
    public const string Hangs = "test-hangs";

    public static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Log = new(StringComparer.Ordinal);

    public static IEnumerable<IActionPlanner> All() =>
    [
        new Planner(Succeeds, _ => [new Step("snapshot", fail: false), new Step("apply", fail: false)]),
        new Planner(FailsAtApply, _ => [new Step("snapshot", fail: false), new Step("apply", fail: true), new Step("verify", fail: false)]),
        new Planner(Hangs, _ => [new Step("snapshot", fail: false), new HangingStep()]),
        new Planner(WaitsForGate, _ => [new GatedStep()]),
    ];

    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new(StringComparer.Ordinal);

    public static TaskCompletionSource Gate(string actionId) => Gates.GetOrAdd(actionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    public static string[] Of(string actionId) => Log.TryGetValue(actionId, out var log) ? [.. log] : [];

    private sealed class Planner(string type, Func<AgentAction, IActionStep[]> steps) : IActionPlanner
    {
        public string ActionType => type;

        public ActionPlan Plan(AgentAction action) => new(steps(action));
    }

    private sealed class GatedStep : IActionStep
    {
        public string Name => "gated";

        public string? Integration => null;

        public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
        {
            Log.GetOrAdd(context.ActionId, _ => new()).Enqueue("execute gated");
            await Gate(context.ActionId).Task.WaitAsync(cancellationToken);
            return StepOutcome.Completed("gate opened");
        }

        public Task<StepOutcome> CompensateAsync(StepContext context, CancellationToken cancellationToken) => Task.FromResult(StepOutcome.NothingToUndo);
    }

    private sealed class HangingStep : IActionStep
    {
        public string Name => "drain";

        public string? Integration => null;

        public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
        {
            Log.GetOrAdd(context.ActionId, _ => new()).Enqueue("execute drain");
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return StepOutcome.Completed("drained");
        }

        public Task<StepOutcome> CompensateAsync(StepContext context, CancellationToken cancellationToken) => Task.FromResult(StepOutcome.NothingToUndo);
    }

    private sealed class Step(string name, bool fail) : IActionStep
    {
        public string Name => name;

        public string? Integration => "test-integration-" + name;

        public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
        {
            Log.GetOrAdd(context.ActionId, _ => new()).Enqueue($"execute {name}");
            return fail
                ? throw new InvalidOperationException($"{name} refused by the target")
                : Task.FromResult(StepOutcome.Completed($"{name} done", new Dictionary<string, string> { [name] = "ok" }));
        }

        public Task<StepOutcome> CompensateAsync(StepContext context, CancellationToken cancellationToken)
        {
            Log.GetOrAdd(context.ActionId, _ => new()).Enqueue($"undo {name}");
            return Task.FromResult(StepOutcome.Completed($"{name} undone"));
        }
    }
}
