using System.Collections.Immutable;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Orchestration;
using AIOps.Incidents.Runbooks;

namespace AIOps.Grains.Runbooks;

/// <summary>Builds a runbook's incident context from the incident and resource grains.</summary>
public static class RunbookContexts
{
    /// <summary>Marks the timeline note written when an execution starts; counted as prior attempts.</summary>
    public const string StartedMarker = "runbook execution started";

    /// <summary>The context of <paramref name="incidentId"/> (or of explicit resources when it is empty).</summary>
    public static async Task<IncidentContext> BuildAsync(
        IGrainFactory grains, string? incidentId, string incidentType, IReadOnlyDictionary<string, string>? labels, IEnumerable<string>? resources)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var ids = new List<string>(resources ?? []);
        var prior = 0;
        if (!string.IsNullOrEmpty(incidentId))
        {
            var incident = grains.GetGrain<IIncidentGrain>(incidentId);
            ids.InsertRange(0, (await incident.GetAsync()).AffectedResources);
            prior = (await incident.GetTimelineAsync()).Count(e => e.Summary.Contains(StartedMarker, StringComparison.Ordinal));
        }

        var found = ImmutableArray.CreateBuilder<IncidentResource>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (await grains.GetGrain<IResourceGrain>(id).FindAsync() is { } r)
            {
                found.Add(new IncidentResource(r.Id, r.Kind, EnvironmentNames.FromTags(r.Tags), SimulatedRunbookEnvironment.Properties(r.ObservedState, r.DesiredState, r.Tags)));
            }
        }

        return new IncidentContext(incidentId ?? "", incidentType, (labels ?? ImmutableDictionary<string, string>.Empty).ToImmutableDictionary(StringComparer.Ordinal), found.ToImmutable(), prior);
    }
}
