using System.Collections.Immutable;

namespace AIOps.Abstractions.Orchestration;

/// <summary>A change freeze: no automated changes in the listed environments between <see cref="Start"/> and <see cref="End"/>.</summary>
/// <param name="Name">Shown in the reasons, e.g. "Black Friday".</param>
/// <param name="Start">Inclusive start.</param>
/// <param name="End">Exclusive end.</param>
/// <param name="Environments">Environments frozen; empty means all.</param>
/// <param name="AllowIncidentResponse">Incident remediation may still run with a person's approval.</param>
[GenerateSerializer, Immutable, Alias("aiops.freeze-window")]
public sealed record FreezeWindow(
    [property: Id(0)] string Name,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] DateTimeOffset End,
    [property: Id(3)] ImmutableArray<string> Environments,
    [property: Id(4)] bool AllowIncidentResponse = true);
