using System.Globalization;
using AIOps.Abstractions.Actions;
using AIOps.Grains.Execution;

namespace AIOps.Grains.Simulation;

/// <summary>
/// Executors for actions on the simulated estate: <c>scale</c> (parameter <c>replicas</c>), <c>restart</c>,
/// <c>rollback</c> (optional <c>revision</c>), <c>resize</c> (parameter <c>size</c>), <c>stop</c> and <c>delete</c>. Each
/// target becomes one step that calls the <see cref="ISimulationGrain"/>, so an approved action, through the
/// orchestrator's policy, leases, retries and journal, really changes the estate. Registered while the simulated
/// estate is the inventory source (the embedded default); agents for real clouds register their own.
/// </summary>
public static class SimulationActionPlanners
{
    /// <summary>The action types the simulated estate carries out.</summary>
    public static readonly IReadOnlyList<string> Types = ["scale", "restart", "rollback", "resize", "stop", "delete"];

    /// <summary>One planner per type.</summary>
    public static IEnumerable<IActionPlanner> All(IGrainFactory grains) => Types.Select(type => new Planner(type, grains));

    private sealed class Planner(string type, IGrainFactory grains) : IActionPlanner
    {
        public string ActionType => type;

        public ActionPlan Plan(AgentAction action) =>
            new(action.TargetResources.Select(target => new Step($"{type}:{target}", type, target, grains)), action.Parameters);
    }

    private sealed class Step(string name, string type, string target, IGrainFactory grains) : IActionStep
    {
        public string Name => name;

        public string? Integration => "simulation";

        public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
        {
            var outcome = await grains.GetGrain<ISimulationGrain>(ISimulationGrain.Key).ApplyAsync(new SimulationActionRequest(
                type,
                target,
                Number(context.Parameters, "replicas"),
                Number(context.Parameters, "revision"),
                context.Parameters.GetValueOrDefault("size")));
            return StepOutcome.Completed(outcome.Description, new Dictionary<string, string>
            {
                ["changed"] = string.Join(",", outcome.ChangedIds),
                ["resolvedScenarios"] = string.Join(",", outcome.ResolvedScenarioIds),
            });
        }

        // The estate keeps no history to return to; the orchestrator records that this step cannot be undone.
        public Task<StepOutcome> CompensateAsync(StepContext context, CancellationToken cancellationToken) => Task.FromResult(StepOutcome.NothingToUndo);

        private static int? Number(IReadOnlyDictionary<string, string> parameters, string key) =>
            parameters.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
