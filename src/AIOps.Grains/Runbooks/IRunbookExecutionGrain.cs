namespace AIOps.Grains.Runbooks;

/// <summary>One runbook execution (key: execution id), persisted step by step so it resumes after a restart without repeating an action.</summary>
[Alias("aiops.runbook-execution-grain")]
public interface IRunbookExecutionGrain : IGrainWithStringKey
{
    /// <summary>Plans and starts the execution; calling it again returns the execution as it stands.</summary>
    [Alias("start")] Task<RunbookExecutionView> StartAsync(RunbookExecutionRequest request);

    /// <summary>The execution, or <see cref="Abstractions.NotFoundException"/>.</summary>
    [Alias("get")] Task<RunbookExecutionView> GetAsync();
}
