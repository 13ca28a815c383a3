using AIOps.Abstractions.Costs;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Costs;

namespace AIOps.Grains.Catalog;

/// <summary>
/// A secondary index of the managed resources: their listing fields, one entry each, written by the resource
/// grains. Lists, filters, pages and cost aggregates read it instead of activating every grain; estates of
/// 100,000 resources and more are the expected size.
/// </summary>
public interface IResourceCatalog
{
    /// <summary>
    /// Stores the summary unless the catalog holds the same or a newer version of the resource; returns whether it
    /// was stored. Writing the same summary again changes nothing.
    /// </summary>
    Task<bool> UpsertAsync(ResourceSummary summary, CancellationToken cancellationToken = default);

    /// <summary>Removes the resource; removing one that is not listed changes nothing.</summary>
    Task RemoveAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>A filtered page ordered by id; <see cref="Abstractions.ValidationException"/> for a bad query.</summary>
    Task<ResourcePage> QueryAsync(ResourceQuery query, CancellationToken cancellationToken = default);

    /// <summary>The team of each of <paramref name="ids"/> that is listed with one.</summary>
    /// <summary>The entries of the listed resources that exist, in id order.</summary>
    Task<IReadOnlyList<ResourceSummary>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Teams of the listed resources that have one.</summary>
    Task<IReadOnlyDictionary<string, string>> GetTeamsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Cost sums of the resources the query covers, in total and per dimension, and its most expensive resources.</summary>
    Task<CostAggregate> AggregateCostsAsync(CostReportQuery query, CancellationToken cancellationToken = default);
}
