using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Orchestration;

namespace AIOps.Grains.Orchestration;

/// <summary>Rules that routing tables and platform policies must meet; every broken rule is reported, by field.</summary>
public static class OrchestrationValidation
{
    /// <summary>Throws <see cref="ValidationException"/> naming bad rules as <c>rules[i].field</c>.</summary>
    public static void Validate(ImmutableArray<RoutingRule> rules)
    {
        var errors = new Dictionary<string, string[]>();
        if (rules.IsDefault)
        {
            throw new ValidationException("rules", "is required");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (string.IsNullOrWhiteSpace(rule.Id))
            {
                errors[$"rules[{i}].id"] = ["is required"];
            }
            else if (!seen.Add(rule.Id))
            {
                errors[$"rules[{i}].id"] = [$"'{rule.Id}' is used by another rule"];
            }

            if (string.IsNullOrWhiteSpace(rule.AgentId))
            {
                errors[$"rules[{i}].agentId"] = ["is required"];
            }

            if (!rule.EventTypes.IsDefault && rule.EventTypes.Any(t => string.IsNullOrWhiteSpace(t) || t.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != t.Length - 1))
            {
                errors[$"rules[{i}].eventTypes"] = ["must be non-empty; '*' only at the end"];
            }

            if (!Enum.IsDefined(rule.MinSeverity))
            {
                errors[$"rules[{i}].minSeverity"] = ["must be low, medium, high or critical"];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    /// <summary>Throws <see cref="ValidationException"/> naming bad policy fields.</summary>
    public static void Validate(PlatformPolicy? policy)
    {
        if (policy is null)
        {
            throw new ValidationException("body", "is required");
        }

        var errors = new Dictionary<string, string[]>();
        if (policy.MaxBlastRadius < 1)
        {
            errors["maxBlastRadius"] = ["must be at least 1"];
        }

        if (string.IsNullOrWhiteSpace(policy.UnknownEnvironment))
        {
            errors["unknownEnvironment"] = ["is required"];
        }

        var windows = policy.FreezeWindows.IsDefault ? [] : policy.FreezeWindows;
        for (var i = 0; i < windows.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(windows[i].Name))
            {
                errors[$"freezeWindows[{i}].name"] = ["is required"];
            }

            if (windows[i].End <= windows[i].Start)
            {
                errors[$"freezeWindows[{i}].end"] = ["must be after start"];
            }
        }

        var environments = policy.Environments.IsDefault ? [] : policy.Environments;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < environments.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(environments[i].Environment) || !names.Add(EnvironmentNames.Normalize(environments[i].Environment)))
            {
                errors[$"environments[{i}].environment"] = ["must be a non-empty name used once"];
            }
        }

        if (policy.ApprovalExpiry < TimeSpan.FromMinutes(1) || policy.ApprovalExpiry > TimeSpan.FromDays(7))
        {
            errors["approvalExpiry"] = ["must be between 1 minute and 7 days"];
        }

        if (policy.ApprovalEscalation is { } escalation && (escalation <= TimeSpan.Zero || escalation >= policy.ApprovalExpiry))
        {
            errors["approvalEscalation"] = ["must be positive and shorter than approvalExpiry"];
        }

        if (policy.LeaseDuration < TimeSpan.FromSeconds(1) || policy.LeaseDuration > TimeSpan.FromHours(1))
        {
            errors["leaseDuration"] = ["must be between 1 second and 1 hour"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
