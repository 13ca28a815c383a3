using AIOps.Abstractions.Resources;
using AIOps.Grains.Orchestration;
using AIOps.Grains.Resources;

namespace AIOps.Grains.Catalog;

/// <summary>What the catalog lists of a resource: its listing fields, with the team and environment read from its tags.</summary>
public static class CatalogEntries
{
    /// <summary>The catalog entry of a managed resource's stored state.</summary>
    public static ResourceSummary From(string id, ResourceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tags = ResourceState.Expand(state.Tags);
        return new ResourceSummary(
            id, state.Provider ?? "", state.Kind, state.Name, state.Location, TeamNames.FromTags(tags), EnvironmentNames.FromTags(tags),
            state.Health, state.CostPerHour, state.UpdatedAt, state.Version);
    }

    /// <summary>Whether two entries list the same thing, apart from when and at which version they were taken.</summary>
    public static bool SameListing(ResourceSummary a, ResourceSummary b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a with { UpdatedAt = default, Version = 0 } == b with { UpdatedAt = default, Version = 0 };
    }
}
