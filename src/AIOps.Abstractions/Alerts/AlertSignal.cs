using AIOps.Abstractions.Events;

namespace AIOps.Abstractions.Alerts;

/// <summary>An accepted, stored alert notification handed to the incident response agent.</summary>
/// <param name="Event">The alert as a platform event (<c>alert.firing</c> or <c>alert.resolved</c>); its <c>fingerprint</c> data item is the alert's identity within its source.</param>
/// <param name="Change">What it changed.</param>
/// <param name="Occurrences">How many notifications it stands for (repeats within one store batch are collapsed into one signal).</param>
/// <param name="ReceivedAt">When the platform received the first of them.</param>
[GenerateSerializer, Immutable, Alias("aiops.alert-signal")]
public sealed record AlertSignal(
    [property: Id(0)] SystemEvent Event,
    [property: Id(1)] AlertChange Change,
    [property: Id(2)] int Occurrences,
    [property: Id(3)] DateTimeOffset ReceivedAt);
