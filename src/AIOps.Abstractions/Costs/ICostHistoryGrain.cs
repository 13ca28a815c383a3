namespace AIOps.Abstractions.Costs;

/// <summary>
/// Records the estate's run-rate every few minutes (total and by provider, team, kind and environment), so spend can
/// be shown over time. One per cluster: key <see cref="Key"/>; a reminder keeps it recording across restarts.
/// </summary>
[Alias("aiops.cost-history")]
public interface ICostHistoryGrain : IGrainWithStringKey
{
    /// <summary>The one key this grain is used with.</summary>
    const string Key = "all";

    /// <summary>Makes sure the recording reminder exists, and takes a snapshot now if the last is older than the interval.</summary>
    [Alias("ensure")] Task EnsureRecordingAsync();

    /// <summary>Takes a snapshot now.</summary>
    [Alias("snapshot")] Task SnapshotAsync();
}
