using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Resources;

/// <summary>Stored state of a resource grain; kept small because estates hold hundreds of thousands of them.</summary>
[GenerateSerializer, Alias("aiops.resource-state")]
public sealed class ResourceState
{
    [Id(0)] public ManagedResource? Resource { get; set; }

    [Id(1)] public long EventsApplied { get; set; }

    /// <summary>Null until the first stream event, so resources that never get one carry no list.</summary>
    [Id(2)] public RecentEventIds? RecentEvents { get; set; }
}
