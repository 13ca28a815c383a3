using AIOps.Abstractions;
using AIOps.Abstractions.Agents;

namespace AIOps.Grains.Agents;

/// <summary>Rules an agent configuration must meet; every broken rule is reported at once, by field.</summary>
public static class AgentConfigValidation
{
    /// <summary>Throws <see cref="ValidationException"/> naming every bad field.</summary>
    public static void Validate(string key, AgentConfig? config)
    {
        if (config is null)
        {
            throw new ValidationException("body", "is required");
        }

        var errors = new Dictionary<string, string[]>();
        if (config.Id != key)
        {
            errors["id"] = [$"must be '{key}', the agent addressed"];
        }

        if (string.IsNullOrWhiteSpace(config.Name))
        {
            errors["name"] = ["is required"];
        }

        if (!Enum.IsDefined(config.Type))
        {
            errors["type"] = ["must be terraform, kubernetes, incident-response or cost-optimization"];
        }

        if (!Enum.IsDefined(config.AutomationLevel))
        {
            errors["automationLevel"] = ["must be manual, semi-auto or full-auto"];
        }

        foreach (var (name, value) in config.Thresholds ?? [])
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                errors["thresholds"] = ["names must not be empty"];
            }
            else if (double.IsNaN(value) || double.IsInfinity(value))
            {
                errors[$"thresholds.{name}"] = ["must be a finite number"];
            }
        }

        if (!config.Integrations.IsDefault && config.Integrations.Any(string.IsNullOrWhiteSpace))
        {
            errors["integrations"] = ["must not contain empty names"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
