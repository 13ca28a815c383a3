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
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var estate = SimulatedEstate.Create(new EstateOptions { Seed = 7 }, clock);
        var scenario = estate.StartScenario(new ScenarioRequest(type));
        clock.Advance(TimeSpan.FromMinutes(10));
        estate.Advance();
        var environment = new SimulatedRunbookEnvironment(estate, clock);
        var context = environment.Context("inc-1", type, estate.GetScenario(scenario.Id)!.GroundTruth.AffectedIds);
        var plan = RunbookPlanner.Plan(BuiltInRunbooks.All[type].Runbook, context);

        var progress = await RunbookRunner.RunAsync(plan, RunbookProgress.For(plan, "exe-1"), environment, _ => Task.CompletedTask, CancellationToken.None);

        Assert.True(progress.Status == StepStates.Succeeded, string.Join("\n", environment.Notes));
        Assert.True(progress.Verified, string.Join("\n", environment.Notes));
        Assert.Equal(ScenarioStatus.Resolved, estate.GetScenario(scenario.Id)!.Status);
        Assert.Equal(plan.Steps.Length + 1, environment.Notes.Count);
    }

    [Fact]
    public async Task AFailedVerificationCompensatesTheCompletedStepsInReverse()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var estate = SimulatedEstate.Create(new EstateOptions { Seed = 7 }, clock);
        var scenario = estate.StartScenario(new ScenarioRequest(ScenarioCatalog.TrafficSpike, Intensity: 40));
        clock.Advance(TimeSpan.FromMinutes(10));
        estate.Advance();
        var environment = new SimulatedRunbookEnvironment(estate, clock);
        var context = environment.Context("inc-2", ScenarioCatalog.TrafficSpike, estate.GetScenario(scenario.Id)!.GroundTruth.AffectedIds);
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
        Assert.NotEqual(ScenarioStatus.Resolved, estate.GetScenario(scenario.Id)!.Status);
    }
}
