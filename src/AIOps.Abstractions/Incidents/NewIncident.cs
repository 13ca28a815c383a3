using System.Collections.Immutable;

namespace AIOps.Abstractions.Incidents;

/// <summary>What is needed to open an incident.</summary>
/// <param name="Title">One-line summary; required.</param>
/// <param name="Description">What is known so far.</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="AffectedResources">Ids of the resources it touches.</param>
/// <param name="DetectedAt">When it was detected; now if not given.</param>
/// <param name="OpenedBy">Who or what opened it (user or agent id).</param>
[GenerateSerializer, Immutable, Alias("aiops.new-incident")]
public sealed record NewIncident(
    [property: Id(0)] string Title,
    [property: Id(1)] string Description,
    [property: Id(2)] Severity Severity,
    [property: Id(3)] ImmutableArray<string> AffectedResources,
    [property: Id(4)] DateTimeOffset? DetectedAt,
    [property: Id(5)] string OpenedBy)
{
    /// <summary>The owning team, if any; stored lower-cased. Team-scoped listings show an incident without a team to everyone.</summary>
    [Id(6)]
    public string? Team { get; init; }

    /// <summary>The alerts it opens with (when the correlator opens it).</summary>
    [Id(7)]
    public ImmutableArray<IncidentAlert> Alerts { get; init; } = [];

    /// <summary>An earlier incident it recurs, if any.</summary>
    [Id(8)]
    public string? LinkedTo { get; init; }
}
