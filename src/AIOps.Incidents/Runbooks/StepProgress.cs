namespace AIOps.Incidents.Runbooks;

/// <summary>Where one step (or one compensation) of an execution is; serialised with the execution's state.</summary>
public sealed class StepProgress
{
    /// <summary>Idempotency key: execution id, step index and, for undo steps, their own index.</summary>
    public string Key { get; set; } = "";

    /// <summary>Step name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Step action.</summary>
    public string Action { get; set; } = "";

    /// <summary>Resolved target.</summary>
    public string? Target { get; set; }

    /// <summary><c>pending</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>.</summary>
    public string Status { get; set; } = StepStates.Pending;

    /// <summary>What happened.</summary>
    public string? Detail { get; set; }

    /// <summary>The agent action, for estate actions.</summary>
    public string? ActionId { get; set; }

    /// <summary>The predicted success probability, for estate actions.</summary>
    public double? PredictedSuccess { get; set; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}
