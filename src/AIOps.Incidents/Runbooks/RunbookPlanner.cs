using System.Collections.Immutable;
using AIOps.Abstractions;

namespace AIOps.Incidents.Runbooks;

/// <summary>Resolves a runbook's parameters from an incident and renders its steps. Pure.</summary>
public static class RunbookPlanner
{
    /// <summary>
    /// Resolves <paramref name="runbook"/> for <paramref name="incident"/>. <see cref="ValidationException"/> names
    /// <c>incidentType</c> when the runbook is not bound to the incident's type or labels, <c>parameters.&lt;name&gt;</c>
    /// when a required parameter has no value, and <c>steps[i]...</c> when a template cannot be rendered.
    /// <paramref name="enforceBinding"/> false plans it for any incident (the cold-start trainer tries wrong pairings on purpose).
    /// </summary>
    public static RunbookPlan Plan(Runbook runbook, IncidentContext incident, bool enforceBinding = true)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        ArgumentNullException.ThrowIfNull(incident);
        if (enforceBinding && !runbook.IncidentTypes.Contains(incident.IncidentType))
        {
            throw new ValidationException("incidentType", $"runbook '{runbook.Id}' is bound to {string.Join(", ", runbook.IncidentTypes)}, not '{incident.IncidentType}'");
        }

        foreach (var (label, expected) in enforceBinding ? runbook.Match : [])
        {
            var allowed = expected.Split('|', StringSplitOptions.TrimEntries);
            if (!incident.Labels.TryGetValue(label, out var actual) || !allowed.Contains(actual))
            {
                throw new ValidationException("labels", $"runbook '{runbook.Id}' matches only incidents with {label}={expected}");
            }
        }

        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var parameter in runbook.Parameters)
        {
            var value = Resolve(parameter, incident) ?? (parameter.Default is { } d ? new ParameterValue(d, null) : null);
            if (value is not null)
            {
                values[parameter.Name] = value;
            }
            else if (parameter.Required)
            {
                errors[$"parameters.{parameter.Name}"] = [$"no value: the incident gives nothing for '{parameter.From}' and there is no default"];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var steps = runbook.Steps.Select((s, i) => Render(s, i, $"steps[{i}]", values, incident)).ToImmutableArray();
        return new RunbookPlan(runbook, incident, values.ToImmutableDictionary(v => v.Key, v => v.Value.Text, StringComparer.Ordinal), steps);
    }

    private static ParameterValue? Resolve(RunbookParameter parameter, IncidentContext incident)
    {
        if (parameter.From is null || ParameterSource.TryParse(parameter.From) is not { } source)
        {
            return null;
        }

        switch (source.Kind)
        {
            case "id":
                return incident.IncidentId.Length > 0 ? new(incident.IncidentId, null) : null;
            case "type":
                return new(incident.IncidentType, null);
            case "label":
                return incident.Labels.TryGetValue(source.Name!, out var label) ? new(label, null) : null;
            default:
                var resource = incident.Resources.FirstOrDefault(r => source.ResourceKinds.Contains(r.Kind));
                if (resource is null)
                {
                    return null;
                }

                if (source.Name is null)
                {
                    return new(resource.Id, resource);
                }

                return resource.Properties.TryGetValue(source.Name, out var property) ? new(property, null) : null;
        }
    }

    private static PlannedStep Render(RunbookStep step, int index, string field, IReadOnlyDictionary<string, ParameterValue> values, IncidentContext incident)
    {
        var target = step.Target is null ? null : Template.Render(step.Target, values, $"{field}.target");
        var parameters = step.With.ToImmutableDictionary(w => w.Key, w => Template.Render(w.Value, values, $"{field}.with.{w.Key}"), StringComparer.Ordinal);
        var resource = target is null ? null : incident.Resources.FirstOrDefault(r => r.Id == target);
        var compensate = step.Compensate.Select((c, i) => Render(c, i, $"{field}.compensate[{i}]", values, incident)).ToImmutableArray();
        return new PlannedStep(index, step.Name, step.Action, target, parameters, step.Verify, step.OnFailure, compensate,
            step.Risk ?? RunbookActions.DefaultRisk(step.Action), step.Integration, resource?.Kind ?? "unknown", resource?.Environment ?? "unknown");
    }
}
