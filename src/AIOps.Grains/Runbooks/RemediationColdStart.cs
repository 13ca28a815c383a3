using AIOps.Incidents.Remediation;
using AIOps.Incidents.Runbooks;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Scenarios;

namespace AIOps.Grains.Runbooks;

/// <summary>
/// Outcomes for the remediation-success model before any real history exists: every built-in runbook is run against
/// its own fault on several targets of a simulated estate (manual clock), and some deliberately wrong runbook/fault
/// pairings and stronger faults are run too, so the data holds failures. The label is the ground truth: the
/// scenario was resolved by the run.
/// </summary>
public static class RemediationColdStart
{
    /// <summary>Wrong pairings tried on purpose: (fault type, runbook id).</summary>
    public static readonly IReadOnlyList<(string Fault, string Runbook)> WrongPairings =
    [
        (ScenarioCatalog.BadDeploy, "memory-leak"),
        (ScenarioCatalog.BadDeploy, "traffic-spike"),
        (ScenarioCatalog.MemoryLeak, "traffic-spike"),
        (ScenarioCatalog.TrafficSpike, "memory-leak"),
        (ScenarioCatalog.IdleResource, "cost-spike"),
        (ScenarioCatalog.DiskFilling, "terraform-drift"),
        (ScenarioCatalog.CostSpike, "terraform-drift"),
    ];

    /// <summary>Runs the built-in runbooks on <paramref name="targetsPerType"/> targets per fault type; returns one outcome per estate action run.</summary>
    public static async Task<List<RemediationOutcome>> GenerateAsync(int targetsPerType = 4, ulong seed = 42)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var estate = SimulatedEstate.Create(new EstateOptions { Seed = seed }, clock);
        var outcomes = new List<RemediationOutcome>();
        var runbooks = BuiltInRunbooks.All;
        foreach (var type in ScenarioCatalog.Types.Keys.Order(StringComparer.Ordinal))
        {
            var plans = new List<(string Runbook, double? Intensity)> { (type, null) };
            plans.AddRange(WrongPairings.Where(w => w.Fault == type).Select(w => (w.Runbook, (double?)null)));
            if (type == ScenarioCatalog.TrafficSpike)
            {
                // Six times the replicas does not absorb a twenty-fold spike: the runbook fails (and scales back).
                plans.Add((type, 40));
            }

            foreach (var (runbookId, intensity) in plans)
            {
                for (var t = 0; t < targetsPerType; t++)
                {
                    var outcome = await RunOnceAsync(estate, clock, runbooks[runbookId].Runbook, type, intensity, priorAttempts: runbookId == type && t % 2 == 1 ? 1 : 0);
                    if (outcome is not null)
                    {
                        outcomes.AddRange(outcome);
                    }
                }
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Starts a <paramref name="faultType"/> scenario on a suitable target, runs <paramref name="runbook"/> for it and
    /// reports one outcome per estate step; null when no target is free. A scenario left unresolved is stopped.
    /// </summary>
    public static async Task<List<RemediationOutcome>?> RunOnceAsync(SimulatedEstate estate, ManualClock clock, Runbook runbook, string faultType, double? intensity, int priorAttempts)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(runbook);
        ScenarioInfo scenario;
        try
        {
            scenario = estate.StartScenario(new ScenarioRequest(faultType, Intensity: intensity));
        }
        catch (ScenarioValidationException)
        {
            return null;
        }

        // Let the fault develop (a traffic spike ramps up, a volume fills) before remediating.
        clock.Advance(TimeSpan.FromMinutes(10));
        estate.Advance();
        var environment = new SimulatedRunbookEnvironment(estate, clock);
        var context = environment.Context($"inc-{scenario.Id}", faultType, estate.GetScenario(scenario.Id)!.GroundTruth.AffectedIds, priorAttempts);
        RunbookPlan plan;
        try
        {
            plan = RunbookPlanner.Plan(runbook, context, enforceBinding: false);
        }
        catch (AIOps.Abstractions.ValidationException)
        {
            estate.StopScenario(scenario.Id);
            return null;
        }

        await RunbookRunner.RunAsync(plan, RunbookProgress.For(plan, $"cold-{scenario.Id}"), environment, _ => Task.CompletedTask, CancellationToken.None);
        var after = estate.GetScenario(scenario.Id)!;
        var fixedIt = after.Status == ScenarioStatus.Resolved;
        if (after.Status is ScenarioStatus.Active or ScenarioStatus.Scheduled)
        {
            estate.StopScenario(scenario.Id);
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        estate.Advance();
        return [.. plan.Steps.Where(s => RunbookActions.IsEstateAction(s.Action))
            .Select(s => new RemediationOutcome(Features(context, runbook.Id, s), fixedIt))];
    }

    /// <summary>The model's features of one planned step.</summary>
    public static RemediationFeatures Features(IncidentContext context, string runbookId, PlannedStep step)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(step);
        return new(context.IncidentType, runbookId, step.Action, step.ResourceKind, step.Environment, context.PriorAttempts);
    }
}
