using AIOps.Estate.Inventory;
using AIOps.Estate.Metrics;
using AIOps.Simulation.Observations;
using AIOps.Simulation.Scenarios;

namespace AIOps.Grains.Simulation;

/// <summary>
/// The simulated estate of the cluster (key <see cref="Key"/>): one activation holds it, so every silo's API, inventory
/// sync and metrics see the same estate and the same scenarios. It advances once a second and routes the alerts and
/// Kubernetes events that scenarios produce to the agents. Its types travel as JSON (see <c>AddAIOpsStorage</c>).
/// </summary>
[Alias("aiops.simulation")]
public interface ISimulationGrain : IGrainWithStringKey
{
    /// <summary>The one estate's key.</summary>
    const string Key = "default";

    /// <summary>A page of the inventory, and the cursor at which the first page was taken (watch from there).</summary>
    [Alias("inventory.page")] Task<InventoryPage> ListAsync(int offset, int limit);

    /// <summary>Inventory changes after <paramref name="cursor"/>, at most <paramref name="max"/>.</summary>
    [Alias("inventory.changes")] Task<IReadOnlyList<InventoryChange>> ChangesAsync(string cursor, int max);

    /// <summary>Starts a scenario (now or at its start time).</summary>
    [Alias("scenario.start")] Task<ScenarioInfo> StartScenarioAsync(ScenarioRequest request);

    /// <summary>Stops a scenario.</summary>
    [Alias("scenario.stop")] Task<ScenarioInfo> StopScenarioAsync(string id);

    /// <summary>Every scenario, newest first.</summary>
    [Alias("scenario.list")] Task<IReadOnlyList<ScenarioInfo>> ScenariosAsync();

    /// <summary>One scenario.</summary>
    [Alias("scenario.get")] Task<ScenarioInfo> GetScenarioAsync(string id);

    /// <summary>Applies an agent's action to the estate: scale, restart, rollback, resize, stop or delete.</summary>
    [Alias("action.apply")] Task<SimulationActionOutcome> ApplyAsync(SimulationActionRequest request);

    /// <summary>The current value of every series.</summary>
    [Alias("metrics.sample")] Task<IReadOnlyList<MetricSample>> SampleAsync();

    /// <summary>A range query over the simulated metrics.</summary>
    [Alias("metrics.range")] Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(MetricQuery query);

    /// <summary>Alerts after a sequence number (firing and resolved), oldest first.</summary>
    [Alias("alerts")] Task<IReadOnlyList<SimulatedAlert>> AlertsAsync(long afterSequence);

    /// <summary>Kubernetes-style events after a sequence number.</summary>
    [Alias("events")] Task<IReadOnlyList<SimulatedEvent>> EventsAsync(long afterSequence);

    /// <summary>Log lines after a sequence number.</summary>
    [Alias("logs")] Task<IReadOnlyList<SimulatedLogLine>> LogsAsync(long afterSequence);
}

/// <summary>A page of the simulated inventory.</summary>
/// <param name="Resources">The resources on the page.</param>
/// <param name="Total">All resources.</param>
/// <param name="Cursor">Position of the change log when the page was taken.</param>
public sealed record InventoryPage(IReadOnlyList<InventoryResource> Resources, int Total, string Cursor);

/// <summary>An action on the simulated estate.</summary>
/// <param name="Action">scale, restart, rollback, resize, stop or delete.</param>
/// <param name="ResourceId">The resource acted on.</param>
/// <param name="Replicas">For scale.</param>
/// <param name="Revision">For rollback (default: the previous revision).</param>
/// <param name="Size">For resize (instance type or VM size).</param>
public sealed record SimulationActionRequest(string? Action, string? ResourceId, int? Replicas = null, int? Revision = null, string? Size = null);

/// <summary>What an action did.</summary>
/// <param name="Description">In words.</param>
/// <param name="ChangedIds">Resources it changed.</param>
/// <param name="ResolvedScenarioIds">Scenarios it ended.</param>
/// <param name="At">When.</param>
public sealed record SimulationActionOutcome(string Description, IReadOnlyList<string> ChangedIds, IReadOnlyList<string> ResolvedScenarioIds, DateTimeOffset At);
