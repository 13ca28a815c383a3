using System.Collections.Immutable;

namespace AIOps.Abstractions.Resources;

/// <summary>A resource as an inventory source last reported it, applied to its grain in one write.</summary>
/// <param name="Source">Name of the inventory source (e.g. <c>simulation</c>).</param>
/// <param name="Spec">The declaration.</param>
/// <param name="Observed">Configuration as observed at the source.</param>
/// <param name="Health">Health as observed at the source.</param>
[GenerateSerializer, Immutable, Alias("aiops.model.inventory-record")]
public sealed record InventoryRecord(
    [property: Id(0)] string Source,
    [property: Id(1)] ResourceSpec Spec,
    [property: Id(2)] ImmutableDictionary<string, string> Observed,
    [property: Id(3)] ResourceHealth Health);
