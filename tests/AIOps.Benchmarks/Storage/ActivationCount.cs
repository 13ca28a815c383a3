using AIOps.Grains.Resources;

namespace AIOps.Benchmarks.Storage;

/// <summary>Activations in the cluster as the management grain reports them.</summary>
/// <param name="Resources">Active resource grains.</param>
/// <param name="Total">All activations, system grains included.</param>
internal sealed record ActivationCount(int Resources, int Total)
{
    public static async Task<ActivationCount> QueryAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        var resourceType = typeof(ResourceGrain).FullName!;
        var resources = statistics.Where(s => s.GrainType.Contains(resourceType, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        return new ActivationCount(resources, await management.GetTotalActivationCount());
    }
}
