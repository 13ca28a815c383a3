using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Events;
using AIOps.Simulation.Observations;

namespace AIOps.Grains.Simulation;

/// <summary>The simulated estate's alerts and events as platform events (source <c>simulation</c>), as Alertmanager and Kubernetes would send them.</summary>
public static class SimulationSignals
{
    /// <summary>The source name of everything the simulated estate reports.</summary>
    public const string Source = "simulation";

    /// <summary>An alert notification as an <c>alert.firing</c> or <c>alert.resolved</c> event.</summary>
    public static SystemEvent Alert(SimulatedAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var data = alert.Labels.Concat(alert.Annotations.Select(a => KeyValuePair.Create("annotation." + a.Key, a.Value)))
            .Append(KeyValuePair.Create("alertname", alert.Name))
            .Append(KeyValuePair.Create("fingerprint", alert.Fingerprint))
            .Append(KeyValuePair.Create("startsAt", alert.StartsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Last().Value);
        return new SystemEvent(
            $"{Source}:alert:{alert.Sequence}",
            alert.Status == "resolved" ? EventTypes.AlertResolved : EventTypes.AlertFiring,
            Source,
            SeverityOf(alert.Severity),
            data,
            alert.Timestamp,
            alert.Fingerprint,
            alert.Labels.GetValueOrDefault("resource_id"));
    }

    /// <summary>A Kubernetes-style (or cloud audit) event as a <c>k8s.event</c> event.</summary>
    public static SystemEvent Event(SimulatedEvent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new SystemEvent(
            $"{Source}:event:{item.Sequence}",
            EventTypes.KubernetesEvent,
            Source,
            item.Type == "Warning" ? Severity.Medium : Severity.Low,
            ImmutableDictionary<string, string>.Empty
                .Add("reason", item.Reason).Add("involvedObject", item.InvolvedObject).Add("message", item.Message).Add("type", item.Type).Add("reporter", item.Source),
            item.Timestamp,
            null,
            item.ResourceId);
    }

    /// <summary>A log line as a <c>log.line</c> event.</summary>
    public static SystemEvent Log(SimulatedLogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var severity = line.Level switch { "ERROR" or "FATAL" => Severity.High, "WARN" => Severity.Medium, _ => Severity.Low };
        return new SystemEvent(
            $"{Source}:log:{line.Sequence}",
            EventTypes.LogLine,
            Source,
            severity,
            ImmutableDictionary<string, string>.Empty.Add("level", line.Level).Add("message", line.Message),
            line.Timestamp,
            null,
            line.ResourceId);
    }

    /// <summary>Severity of a Prometheus-style severity label.</summary>
    public static Severity SeverityOf(string severity) => Abstractions.Alerts.AlertSeverity.Parse(severity) ?? Severity.Medium;
}
