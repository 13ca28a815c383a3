using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Events;
using AIOps.Grains.Alerts;
using AIOps.Grains.Tests.Durable;
using AIOps.Testing;
using Npgsql;

namespace AIOps.Grains.Tests.Alerts;

/// <summary>Notifications and stores for the alert store tests.</summary>
internal static class AlertStoreData
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public static AlertNotification Alert(string fingerprint, AlertStatus status, DateTimeOffset startsAt, DateTimeOffset? receivedAt = null, string source = "am", string? resource = null)
    {
        var labels = ImmutableDictionary<string, string>.Empty.Add("alertname", "NodeDown").Add("node", fingerprint).Add("quote", "a \"b\" ü");
        var annotations = ImmutableDictionary<string, string>.Empty.Add("summary", $"{fingerprint} is down");
        var id = $"{source}:{fingerprint}:{startsAt.ToUnixTimeMilliseconds()}:{(status == AlertStatus.Firing ? "firing" : "resolved")}";
        var type = status == AlertStatus.Firing ? EventTypes.AlertFiring : EventTypes.AlertResolved;
        var systemEvent = new SystemEvent(id, type, source, Severity.High, labels.Add("fingerprint", fingerprint), startsAt, fingerprint, resource);
        return new AlertNotification(systemEvent, fingerprint, status, labels, annotations, startsAt, status == AlertStatus.Resolved ? startsAt.AddMinutes(5) : null, receivedAt ?? DateTimeOffset.UtcNow);
    }

    /// <summary>A new store of the kind: <c>memory</c> or <c>postgres</c> (a migrated database of its own).</summary>
    public static async Task<(IAlertStore Store, IAsyncDisposable Owner)> CreateAsync(string kind, PostgresFixture postgres)
    {
        if (kind == "memory")
        {
            return (new InMemoryAlertStore(), new Nothing());
        }

        var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync());
        return (new PostgresAlertStore(dataSource), dataSource);
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
