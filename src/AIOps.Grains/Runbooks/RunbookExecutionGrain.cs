using System.Collections.Immutable;
using System.Text.Json;
using AIOps.Abstractions;
using AIOps.Abstractions.Audit;
using AIOps.Abstractions.Incidents;
using AIOps.Estate.Metrics;
using AIOps.Grains.Audit;
using AIOps.Incidents.Remediation;
using AIOps.Incidents.Runbooks;
using Microsoft.Extensions.Options;

namespace AIOps.Grains.Runbooks;

/// <summary>
/// Runs one runbook execution in the background of the activation: progress is written after every change, so after
/// a deactivation or silo failure (a reminder wakes it) it resumes where it stopped, and since action ids derive from
/// the execution id and step index an action is never submitted twice. A succeeded and verified run resolves the
/// incident as automated; every outcome goes to the remediation model and the audit trail.
/// </summary>
public sealed class RunbookExecutionGrain(
    [PersistentState("runbook-execution", StorageNames.Grains)] IPersistentState<RunbookExecutionState> state,
    IMetricsSource metrics,
    RunbookIntegrations integrations,
    RemediationPredictor predictor,
    IOptions<RunbookOptions> options,
    IAuditLog audit) : Grain, IRunbookExecutionGrain, IRemindable
{
    /// <summary>Audit action for an execution's start and end.</summary>
    public const string AuditExecuted = "runbook.executed";

    /// <summary>Who runbook actions and notes are attributed to.</summary>
    public const string Actor = "agent:incident-response";

    private const string ResumeReminder = "resume";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private Task? _run;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        EnsureRunning();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<RunbookExecutionView> StartAsync(RunbookExecutionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.State.Request is not null)
        {
            return View();
        }

        var document = await GrainFactory.GetGrain<IRunbookCatalogGrain>(IRunbookCatalogGrain.Key).GetAsync(request.RunbookId);
        var runbook = RunbookParser.Parse(document.Yaml);
        var context = await RunbookContexts.BuildAsync(GrainFactory, request.IncidentId, request.IncidentType, request.Labels, null);
        var plan = RunbookPlanner.Plan(runbook, context);
        state.State.Request = request;
        state.State.PlanJson = JsonSerializer.Serialize(plan, Json);
        state.State.ProgressJson = JsonSerializer.Serialize(RunbookProgress.For(plan, this.GetPrimaryKeyString()), Json);
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await GrainFactory.GetGrain<IIncidentGrain>(request.IncidentId).NoteAsync(Actor, "runbook",
            $"{RunbookContexts.StartedMarker}: '{runbook.Id}' as {this.GetPrimaryKeyString()} by {request.RequestedBy} ({string.Join(", ", plan.Parameters.Select(p => $"{p.Key}={p.Value}"))})");
        await audit.AppendAsync(new AuditRecord(request.RequestedBy, AuditExecuted, AuditOutcomes.Started, ResourceId: context.Resources.FirstOrDefault()?.Id,
            Reason: $"runbook '{runbook.Id}' started for incident {request.IncidentId}",
            Details: ImmutableDictionary<string, string>.Empty.Add("runbook", runbook.Id).Add("execution", this.GetPrimaryKeyString()).Add("incident", request.IncidentId)));
        EnsureRunning();
        return View();
    }

    /// <inheritdoc />
    public Task<RunbookExecutionView> GetAsync() =>
        state.State.Request is null ? throw new NotFoundException("runbook execution", this.GetPrimaryKeyString()) : Task.FromResult(View());

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (state.State.Finished || state.State.Request is null)
        {
            await UnregisterAsync();
            return;
        }

        EnsureRunning();
    }

    private void EnsureRunning()
    {
        if (_run is null && state.State is { Request: not null, Finished: false })
        {
            _run = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        var request = state.State.Request!;
        var plan = JsonSerializer.Deserialize<RunbookPlan>(state.State.PlanJson!, Json)!;
        var progress = JsonSerializer.Deserialize<RunbookProgress>(state.State.ProgressJson!, Json)!;
        var environment = new OrchestratedRunbookEnvironment(GrainFactory, plan, metrics, integrations, predictor, options.Value, Actor);
        try
        {
            progress = await RunbookRunner.RunAsync(plan, progress, environment, async p =>
            {
                DelayDeactivation(TimeSpan.FromMinutes(5));
                state.State.ProgressJson = JsonSerializer.Serialize(p, Json);
                await state.WriteStateAsync();
            }, CancellationToken.None);
            await FinishAsync(request, plan, progress);
        }
        catch (Exception e)
        {
            // The reminder tries again; the progress written so far is where it resumes.
            _run = null;
            await audit.AppendAsync(new AuditRecord(Actor, AuditExecuted, AuditOutcomes.Failed, Reason: $"runbook execution {this.GetPrimaryKeyString()} interrupted: {e.Message}"));
        }
    }

    private async Task FinishAsync(RunbookExecutionRequest request, RunbookPlan plan, RunbookProgress progress)
    {
        var success = progress.Status == StepStates.Succeeded && progress.Verified;
        if (success)
        {
            try
            {
                var steps = progress.Steps.Where(s => s.Status == StepStates.Succeeded).Select(s => $"{s.Name}: {s.Detail}").ToImmutableArray();
                await GrainFactory.GetGrain<IIncidentGrain>(request.IncidentId).ResolveAsync(Actor, steps, automated: true);
            }
            catch (InvalidTransitionException)
            {
                // Someone resolved or closed it meanwhile.
            }
        }

        await predictor.RecordAsync(plan.Steps.Where(s => RunbookActions.IsEstateAction(s.Action))
            .Select(s => new RemediationOutcome(RemediationColdStart.Features(plan.Incident, plan.Runbook.Id, s), success)).ToList());
        await audit.AppendAsync(new AuditRecord(Actor, AuditExecuted, success ? AuditOutcomes.Succeeded : AuditOutcomes.Failed,
            Reason: success ? $"runbook '{plan.Runbook.Id}' fixed incident {request.IncidentId}" : $"runbook '{plan.Runbook.Id}' failed: {progress.Error ?? "verification did not pass"}",
            Details: ImmutableDictionary<string, string>.Empty.Add("runbook", plan.Runbook.Id).Add("execution", this.GetPrimaryKeyString()).Add("incident", request.IncidentId)));
        state.State.Finished = true;
        await state.WriteStateAsync();
        await UnregisterAsync();
    }

    private async Task UnregisterAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private RunbookExecutionView View()
    {
        var request = state.State.Request!;
        var plan = JsonSerializer.Deserialize<RunbookPlan>(state.State.PlanJson!, Json)!;
        var progress = JsonSerializer.Deserialize<RunbookProgress>(state.State.ProgressJson!, Json)!;
        var steps = progress.Steps.Select(s => Step(s, false)).Concat(progress.Compensations.Select(s => Step(s, true))).ToList();
        var status = progress.Status == StepStates.Pending ? StepStates.Running : progress.Status;
        return new RunbookExecutionView(this.GetPrimaryKeyString(), request.RunbookId, request.IncidentId, request.IncidentType, status, progress.Verified, progress.Error,
            request.RequestedBy, plan.Parameters, steps);
    }

    private static RunbookStepView Step(StepProgress s, bool compensation) =>
        new(s.Key, s.Name, s.Action, s.Target, s.Status, s.Detail, s.ActionId, s.PredictedSuccess, compensation);
}
