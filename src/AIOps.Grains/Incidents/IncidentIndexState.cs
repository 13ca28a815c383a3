using AIOps.Abstractions.Incidents;

namespace AIOps.Grains.Incidents;

/// <summary>Stored listing of incidents by id.</summary>
[GenerateSerializer, Alias("aiops.incident-index-state")]
public sealed class IncidentIndexState
{
    [Id(0)] public Dictionary<string, IncidentSummary> Incidents { get; set; } = [];

    /// <summary>When the index was last written: incidents journaled since may be missing after a crash.</summary>
    [Id(1)] public DateTimeOffset WrittenAt { get; set; }
}
