using AIOps.Abstractions.Incidents;

namespace AIOps.Grains.Incidents;

/// <summary>Stored listing of incidents by id.</summary>
[GenerateSerializer, Alias("aiops.incident-index-state")]
public sealed class IncidentIndexState
{
    [Id(0)] public Dictionary<string, IncidentSummary> Incidents { get; set; } = [];
}
