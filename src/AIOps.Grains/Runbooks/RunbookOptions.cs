namespace AIOps.Grains.Runbooks;

/// <summary>Runbook settings (<c>AIOps:Runbooks</c>): the integrations notify and command steps call.</summary>
public sealed class RunbookOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AIOps:Runbooks";

    /// <summary>Integrations by name: <c>AIOps:Runbooks:Integrations:oncall:Url=https://...</c>.</summary>
    public Dictionary<string, RunbookIntegration> Integrations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The agent runbook actions are submitted as.</summary>
    public string AgentId { get; set; } = "incident-response";

    /// <summary>How often an execution looks at its submitted action while it waits for approval or completion.</summary>
    public TimeSpan ActionPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an execution waits for one action (approval included) before the step fails.</summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromHours(2);
}

/// <summary>An HTTP integration: notify steps POST a JSON message to it, command steps POST the command.</summary>
public sealed class RunbookIntegration
{
    /// <summary>Absolute http(s) URL.</summary>
    public Uri? Url { get; set; }

    /// <summary>Optional bearer token sent as <c>Authorization</c>; never logged.</summary>
    public string? Token { get; set; }
}
