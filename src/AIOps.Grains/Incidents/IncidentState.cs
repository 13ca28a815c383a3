using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Incidents;

namespace AIOps.Grains.Incidents;

/// <summary>The replayed view of an incident's journal.</summary>
[GenerateSerializer, Alias("aiops.incident-state")]
public sealed class IncidentState
{
    /// <summary>False until the opened event is applied.</summary>
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public string Title { get; set; } = "";

    [Id(2)] public string Description { get; set; } = "";

    [Id(3)] public Severity Severity { get; set; }

    [Id(4)] public IncidentStatus Status { get; set; }

    [Id(5)] public ImmutableArray<string> AffectedResources { get; set; } = [];

    [Id(6)] public DateTimeOffset DetectedAt { get; set; }

    [Id(7)] public DateTimeOffset? ResolvedAt { get; set; }

    [Id(8)] public ImmutableArray<string> ResolutionSteps { get; set; } = [];

    [Id(9)] public bool AutomatedResolution { get; set; }

    [Id(10)] public DateTimeOffset UpdatedAt { get; set; }

    [Id(11)] public string? Team { get; set; }

    /// <summary>Applies one journal event.</summary>
    public void Apply(IncidentEvent e)
    {
        switch (e)
        {
            case IncidentOpened o:
                Exists = true;
                Title = o.Title;
                Description = o.Description;
                Severity = o.Severity;
                Status = IncidentStatus.Open;
                AffectedResources = o.AffectedResources.IsDefault ? [] : o.AffectedResources;
                DetectedAt = o.DetectedAt;
                Team = o.Team;
                break;
            case IncidentStatusChanged s:
                Status = s.To;
                if (s.To == IncidentStatus.Open)
                {
                    ResolvedAt = null;
                }

                break;
            case IncidentResolved r:
                Status = IncidentStatus.Resolved;
                ResolvedAt = r.At;
                ResolutionSteps = ResolutionSteps.AddRange(r.Steps.IsDefault ? [] : r.Steps);
                AutomatedResolution = r.Automated;
                break;
            case IncidentResourcesAffected a:
                AffectedResources = AffectedResources.AddRange(a.ResourceIds.Where(id => !AffectedResources.Contains(id)));
                break;
            case IncidentNoted:
                break;
            default:
                throw new InvalidOperationException($"Unknown incident event {e.GetType().Name}.");
        }

        UpdatedAt = e.At;
    }
}
