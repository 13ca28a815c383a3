namespace AIOps.Abstractions.Incidents;

/// <summary>The incident listing: incident grains report their summary here after every change. Key <see cref="Key"/>.</summary>
[Alias("aiops.incident-index")]
public interface IIncidentIndexGrain : IGrainWithStringKey
{
    /// <summary>The one key this grain is used with.</summary>
    const string Key = "all";

    /// <summary>Records the latest summary of an incident; an older one than stored is ignored.</summary>
    /// <remarks>Interleaves with other calls (it only updates memory): the index may be waiting on an incident that is publishing to it.</remarks>
    [Alias("put"), Orleans.Concurrency.AlwaysInterleave] Task PutAsync(IncidentSummary summary);

    /// <summary>A filtered page, newest detected first.</summary>
    [Alias("query")] Task<IncidentPage> QueryAsync(IncidentQuery query);
}
