using AIOps.Abstractions.Costs;
using AIOps.Grains.Catalog;

namespace AIOps.Grains.Costs;

/// <summary>Cost reports over the resource catalog; the catalog does the summing (GROUP BY in durable mode), this class the rest.</summary>
public sealed class CostReportService(IResourceCatalog catalog, TimeProvider clock)
{
    /// <summary>The current run-rate of the resources <paramref name="query"/> covers, honouring its team scope.</summary>
    public async Task<CostReport> GetReportAsync(CostReportQuery query, CancellationToken cancellationToken = default)
    {
        var normalized = CostReportQueries.Normalize(query);
        var aggregate = await catalog.AggregateCostsAsync(normalized, cancellationToken);
        return CostReportBuilder.Build(aggregate, clock.GetUtcNow());
    }
}
