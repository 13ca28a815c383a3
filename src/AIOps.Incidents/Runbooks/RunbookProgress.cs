namespace AIOps.Incidents.Runbooks;

/// <summary>An execution's progress: the state it resumes from after a restart.</summary>
public sealed class RunbookProgress
{
    /// <summary><c>pending</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>.</summary>
    public string Status { get; set; } = StepStates.Pending;

    /// <summary>One entry per runbook step.</summary>
    public List<StepProgress> Steps { get; set; } = [];

    /// <summary>Compensation steps run after a failure, in the order they ran.</summary>
    public List<StepProgress> Compensations { get; set; } = [];

    /// <summary>True when every wait step's condition held (and the runbook succeeded).</summary>
    public bool Verified { get; set; }

    /// <summary>Why it failed, if it did.</summary>
    public string? Error { get; set; }

    /// <summary>Progress for a new execution of <paramref name="plan"/>.</summary>
    public static RunbookProgress For(RunbookPlan plan, string executionId)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new RunbookProgress
        {
            Steps = [.. plan.Steps.Select(s => new StepProgress { Key = $"{executionId}:{s.Index}", Name = s.Name, Action = s.Action, Target = s.Target })],
        };
    }
}
