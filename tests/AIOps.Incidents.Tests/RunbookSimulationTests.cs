using System.Text.Json;
using AIOps.Grains.Runbooks;
using AIOps.Incidents.Runbooks;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Scenarios;

namespace AIOps.Incidents.Tests;

/// <summary>The built-in runbooks run against a simulated estate in process and really end the faults they are for.</summary>
public sealed class RunbookSimulationTests
{
    public static TheoryData<string> FaultTypes() => [.. ScenarioCatalog.Types.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(FaultTypes))]
    public async Task TheBuiltInRunbookResolvesItsFault(string type)
    {
        var (estate, scenario, environment) = StartFault(new ScenarioRequest(type));
        var context = environment.Context("inc-1", type, estate.GetScenario(scenario)!.GroundTruth.AffectedIds);
        var plan = RunbookPlanner.Plan(BuiltInRunbooks.All[type].Runbook, context);

        var progress = await RunbookRunner.RunAsync(plan, RunbookProgress.For(plan, "exe-1"), environment, _ => Task.CompletedTask, CancellationToken.None);

        Assert.True(progress.Status == StepStates.Succeeded, string.Join("\n", environment.Notes));
        Assert.True(progress.Verified, string.Join("\n", environment.Notes));
        Assert.Equal(ScenarioStatus.Resolved, estate.GetScenario(scenario)!.Status);
        Assert.Equal(plan.Steps.Length + 1, environment.Notes.Count);
    }

    [Fact]
    public async Task AFailedVerificationCompensatesTheCompletedStepsInReverse()
    {
        var (estate, scenario, environment) = StartFault(new ScenarioRequest(ScenarioCatalog.TrafficSpike, Intensity: 40));
        var context = environment.Context("inc-2", ScenarioCatalog.TrafficSpike, estate.GetScenario(scenario)!.GroundTruth.AffectedIds);
        var deployment = context.Resources.First(r => r.Kind == "deployment");
        var replicasBefore = estate.Get(deployment.Id)!.Observed["replicas"];
        var plan = RunbookPlanner.Plan(BuiltInRunbooks.All[ScenarioCatalog.TrafficSpike].Runbook, context);

        var progress = await RunbookRunner.RunAsync(plan, RunbookProgress.For(plan, "exe-2"), environment, _ => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(StepStates.Failed, progress.Status);
        Assert.Equal(StepStates.Succeeded, progress.Steps[0].Status);
        Assert.Equal(StepStates.Failed, progress.Steps[1].Status);
        var undo = Assert.Single(progress.Compensations);
        Assert.Equal("exe-2:0:undo:0", undo.Key);
        Assert.Equal(StepStates.Succeeded, undo.Status);
        Assert.Equal(replicasBefore, estate.Get(deployment.Id)!.Observed["replicas"]);
        Assert.NotEqual(ScenarioStatus.Resolved, estate.GetScenario(scenario)!.Status);
    }

    [Theory]
    [MemberData(nameof(FaultTypes))]
    public async Task AnExecutionResumedAfterACrashRepeatsNoCompletedStepAndReusesTheInterruptedStepsKey(string type)
    {
        var (estate, scenario, simulated) = StartFault(new ScenarioRequest(type));
        var environment = new KeyRecordingEnvironment(simulated);
        var context = environment.Inner.Context("inc-3", type, estate.GetScenario(scenario)!.GroundTruth.AffectedIds);
        var plan = RunbookPlanner.Plan(BuiltInRunbooks.All[type].Runbook, context);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        // The silo dies after the first estate action took effect but before its success was checkpointed: what is
        // stored (as the execution grain stores it) still says that step is running.
        var stored = JsonSerializer.Serialize(RunbookProgress.For(plan, "exe-3"), json);
        var interrupted = -1;
        await Assert.ThrowsAsync<CrashException>(() => RunbookRunner.RunAsync(plan, RunbookProgress.For(plan, "exe-3"), environment, p =>
        {
            var finished = p.Steps.FindIndex(s => s.Status == StepStates.Succeeded && RunbookActions.IsEstateAction(s.Action));
            if (finished >= 0)
            {
                interrupted = finished;
                throw new CrashException();
            }

            stored = JsonSerializer.Serialize(p, json);
            return Task.CompletedTask;
        }, CancellationToken.None));
        Assert.True(interrupted >= 0, $"the {type} runbook has no estate action");
        var beforeCrash = environment.Keys.ToList();
        environment.Keys.Clear();

        var resumed = JsonSerializer.Deserialize<RunbookProgress>(stored, json)!;
        Assert.Equal(StepStates.Running, resumed.Steps[interrupted].Status);
        var progress = await RunbookRunner.RunAsync(plan, resumed, environment, _ => Task.CompletedTask, CancellationToken.None);

        // The interrupted step is asked again under the same key (the orchestrator answers with the action it already
        // has), and no step completed before the crash runs again.
        Assert.Equal(beforeCrash[^1], environment.Keys[0]);
        Assert.Equal(resumed.Steps[interrupted].Key, environment.Keys[0]);
        Assert.Empty(beforeCrash.SkipLast(1).Intersect(environment.Keys));
        Assert.Equal(environment.Keys.Count, environment.Keys.Distinct().Count());
        Assert.True(progress.Status == StepStates.Succeeded, string.Join("\n", environment.Inner.Notes));
        Assert.Equal(ScenarioStatus.Resolved, estate.GetScenario(scenario)!.Status);
    }

    // A simulated estate ten minutes into the fault, and the runbook environment over it.
    private static (SimulatedEstate Estate, string ScenarioId, SimulatedRunbookEnvironment Environment) StartFault(ScenarioRequest request)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var estate = SimulatedEstate.Create(new EstateOptions { Seed = 7 }, clock);
        var scenario = estate.StartScenario(request);
        clock.Advance(TimeSpan.FromMinutes(10));
        estate.Advance();
        return (estate, scenario.Id, new SimulatedRunbookEnvironment(estate, clock));
    }

    private sealed class CrashException : Exception;

    // Records the idempotency key of every estate action and integration call and, as the orchestrator does (one
    // action per key), answers a key it has seen with that action's result instead of acting again.
    private sealed class KeyRecordingEnvironment(SimulatedRunbookEnvironment inner) : IRunbookEnvironment
    {
        private readonly Dictionary<string, StepResult> _done = new(StringComparer.Ordinal);

        public SimulatedRunbookEnvironment Inner => inner;

        public List<string> Keys { get; } = [];

        public TimeProvider Time => inner.Time;

        public string? ActionIdFor(string idempotencyKey) => inner.ActionIdFor(idempotencyKey);

        public async Task<StepResult> RunActionAsync(PlannedStep step, string idempotencyKey, CancellationToken cancellationToken)
        {
            Keys.Add(idempotencyKey);
            if (!_done.TryGetValue(idempotencyKey, out var result))
            {
                _done[idempotencyKey] = result = await inner.RunActionAsync(step, idempotencyKey, cancellationToken);
            }

            return result;
        }

        public Task<IReadOnlyDictionary<string, double>> ReadMetricAsync(string metric, IReadOnlyList<string> resourceIds, DateTimeOffset since, CancellationToken cancellationToken) =>
            inner.ReadMetricAsync(metric, resourceIds, since, cancellationToken);

        public Task<IReadOnlyList<string>> DependenciesAsync(string resourceId, CancellationToken cancellationToken) => inner.DependenciesAsync(resourceId, cancellationToken);

        public Task<StepResult> CallIntegrationAsync(PlannedStep step, string idempotencyKey, CancellationToken cancellationToken)
        {
            Keys.Add(idempotencyKey);
            return inner.CallIntegrationAsync(step, idempotencyKey, cancellationToken);
        }

        public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => inner.DelayAsync(delay, cancellationToken);

        public Task NoteAsync(string text, CancellationToken cancellationToken) => inner.NoteAsync(text, cancellationToken);
    }
}
