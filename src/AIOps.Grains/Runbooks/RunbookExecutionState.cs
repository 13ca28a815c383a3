namespace AIOps.Grains.Runbooks;

/// <summary>State of <see cref="RunbookExecutionGrain"/>: the request, the plan it resolved to and the progress, as JSON.</summary>
[GenerateSerializer, Alias("aiops.runbook-execution-state")]
public sealed class RunbookExecutionState
{
    /// <summary>The request; null before start.</summary>
    [Id(0)] public RunbookExecutionRequest? Request { get; set; }

    /// <summary>The resolved plan (kept, so a resumed run renders nothing again from a changed estate).</summary>
    [Id(1)] public string? PlanJson { get; set; }

    /// <summary>The progress.</summary>
    [Id(2)] public string? ProgressJson { get; set; }

    /// <summary>True once the outcome was recorded for the model and the audit trail.</summary>
    [Id(3)] public bool Finished { get; set; }
}
