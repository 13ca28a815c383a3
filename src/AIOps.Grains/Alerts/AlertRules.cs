using AIOps.Abstractions.Alerts;

namespace AIOps.Grains.Alerts;

/// <summary>The change rules of <see cref="IAlertStore"/>, for the in-memory store (the PostgreSQL store says the same in SQL).</summary>
internal static class AlertRules
{
    /// <summary>A notification of an earlier instance, or the firing of an instance already resolved: it changes nothing.</summary>
    public static bool IsStale(AlertStatus status, DateTimeOffset startsAt, AlertWrite write) =>
        write.Last.StartsAt < startsAt || (status == AlertStatus.Resolved && write.Last.Status == AlertStatus.Firing && write.Last.StartsAt <= startsAt);

    /// <summary>What the write changes on a row in <paramref name="status"/>.</summary>
    public static AlertChange Change(AlertStatus status, DateTimeOffset startsAt, AlertWrite write) =>
        IsStale(status, startsAt, write) ? AlertChange.Repeat
        : status == AlertStatus.Resolved && write.Last.Status == AlertStatus.Firing ? AlertChange.Firing
        : status == AlertStatus.Firing && write.Last.Status == AlertStatus.Resolved ? AlertChange.Resolved
        : AlertChange.Repeat;

    /// <summary>The change of an alert's first write.</summary>
    public static AlertChange First(AlertWrite write) => write.Last.Status == AlertStatus.Firing ? AlertChange.Firing : AlertChange.Resolved;

    /// <summary>The change a pending row keeps: a repeat does not hide an undelivered firing or resolution.</summary>
    public static AlertChange Pending(bool wasPending, AlertChange pending, AlertChange change) =>
        wasPending && change == AlertChange.Repeat ? pending : change;
}
