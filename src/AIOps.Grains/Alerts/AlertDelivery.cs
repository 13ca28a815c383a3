namespace AIOps.Grains.Alerts;

/// <summary>A stored alert change the correlator has taken: the row stays pending if it was written again since.</summary>
/// <param name="Source">The alert's source.</param>
/// <param name="Fingerprint">The alert's fingerprint.</param>
/// <param name="Version">The row version that was delivered.</param>
public readonly record struct AlertDelivery(string Source, string Fingerprint, long Version);
