using System.Collections.Immutable;

namespace AIOps.Abstractions.Alerts;

/// <summary>How much alert noise the incident response agent folded away: alerts in, incidents out.</summary>
/// <param name="Sources">Per ingestion source.</param>
/// <param name="Notifications">Alert notifications received (repeats included).</param>
/// <param name="UniqueAlerts">Distinct alerts (fingerprints).</param>
/// <param name="Incidents">Incidents opened from them.</param>
/// <param name="Suppressed">Alert groups that resolved before meeting the creation conditions.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.noise-reduction")]
public sealed record NoiseReduction(
    [property: Id(0)] ImmutableArray<NoiseReductionRow> Sources,
    [property: Id(1)] long Notifications,
    [property: Id(2)] long UniqueAlerts,
    [property: Id(3)] int Incidents,
    [property: Id(4)] int Suppressed)
{
    /// <summary>Notifications per incident (0 without incidents).</summary>
    public double NotificationsPerIncident => Incidents == 0 ? 0 : Math.Round(Notifications / (double)Incidents, 2);

    /// <summary>The share of notifications that did not become an incident of their own, 0..1.</summary>
    public double Reduction => Notifications == 0 ? 0 : Math.Round(1 - Math.Min(Incidents, Notifications) / (double)Notifications, 4);
}

/// <summary>One source's alerts in and incidents out.</summary>
/// <param name="Source">The source.</param>
/// <param name="Notifications">Notifications received (repeats included).</param>
/// <param name="UniqueAlerts">Distinct alerts.</param>
/// <param name="Duplicates">Redeliveries skipped.</param>
/// <param name="Incidents">Incidents holding at least one of its alerts.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.noise-reduction-row")]
public sealed record NoiseReductionRow(
    [property: Id(0)] string Source,
    [property: Id(1)] long Notifications,
    [property: Id(2)] long UniqueAlerts,
    [property: Id(3)] long Duplicates,
    [property: Id(4)] int Incidents)
{
    /// <summary>The share of this source's notifications that did not become an incident of their own, 0..1.</summary>
    public double Reduction => Notifications == 0 ? 0 : Math.Round(1 - Math.Min(Incidents, Notifications) / (double)Notifications, 4);
}
