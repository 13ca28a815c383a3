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

    [Id(12)] public ImmutableArray<IncidentAlert> Alerts { get; set; } = [];

    [Id(13)] public IncidentClassification? Classification { get; set; }

    [Id(14)] public ImmutableArray<RootCauseCandidate> RootCauses { get; set; } = [];

    [Id(15)] public ImmutableArray<string> SeverityReasons { get; set; } = [];

    [Id(16)] public ImmutableArray<string> LinkedIncidents { get; set; } = [];

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
                Alerts = o.Alerts.IsDefault ? [] : o.Alerts;
                LinkedIncidents = o.LinkedTo is null ? [] : [o.LinkedTo];
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
            case IncidentAlertsAttached attached:
                {
                    // One pass over the incident's alerts however many the event carries (storm incidents hold hundreds).
                    var alerts = Alerts.ToBuilder();
                    var at = new Dictionary<string, int>(alerts.Count, StringComparer.Ordinal);
                    for (var i = 0; i < alerts.Count; i++)
                    {
                        at.TryAdd(alerts[i].Key, i);
                    }

                    var resources = AffectedResources.ToHashSet(StringComparer.Ordinal);
                    var added = ImmutableArray.CreateBuilder<string>();
                    foreach (var alert in attached.Alerts)
                    {
                        if (at.TryGetValue(alert.Key, out var index))
                        {
                            alerts[index] = alert with { Reason = alerts[index].Reason };
                        }
                        else
                        {
                            at[alert.Key] = alerts.Count;
                            alerts.Add(alert);
                        }

                        if (alert.ResourceId is { } resource && resources.Add(resource))
                        {
                            added.Add(resource);
                        }
                    }

                    Alerts = alerts.ToImmutable();
                    AffectedResources = added.Count == 0 ? AffectedResources : AffectedResources.AddRange(added);
                    break;
                }
            case IncidentAlertsCleared cleared:
                Alerts = [.. Alerts.Select(a => cleared.AlertKeys.Contains(a.Key) && a.EndsAt is null ? a with { EndsAt = cleared.EndedAt } : a)];
                break;
            case IncidentAnalyzed analyzed:
                var analysis = analyzed.Analysis;
                Title = string.IsNullOrWhiteSpace(analysis.Title) ? Title : analysis.Title;
                Classification = analysis.Classification ?? Classification;
                Severity = analysis.Severity ?? Severity;
                SeverityReasons = analysis.Severity is null || analysis.SeverityReasons.IsDefault ? SeverityReasons : analysis.SeverityReasons;
                RootCauses = analysis.RootCauses.IsDefault ? RootCauses : analysis.RootCauses;
                break;
            default:
                throw new InvalidOperationException($"Unknown incident event {e.GetType().Name}.");
        }

        UpdatedAt = e.At;
    }
}
