using System.Collections.Concurrent;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Live;
using AIOps.Benchmarks.LiveFeed;
using AIOps.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace AIOps.Benchmarks.Ingest;

/// <summary>
/// Listens to the incidents group of the live feed and measures, for every resource whose first alert was sent, the
/// delay from sending it to the first incident update that names the resource.
/// </summary>
internal sealed class IncidentFeedProbe : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<string, long> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);
    private long _updates;

    private IncidentFeedProbe(HubConnection connection)
    {
        _connection = connection;
        connection.On<Incident>("IncidentChanged", OnIncident);
    }

    public DelayHistogram Delays { get; } = new();

    /// <summary>Every measured delay with the resource and when its alert was sent, to show where a tail comes from.</summary>
    public ConcurrentBag<(string Resource, long SentAt, TimeSpan Delay)> Measured { get; } = [];

    public long Updates => Interlocked.Read(ref _updates);

    public int Sent => _sent.Count;

    public static async Task<IncidentFeedProbe> ConnectAsync(SiloProcess silo, CancellationToken cancellationToken)
    {
        var connection = LiveHubConnections.Create(silo.BaseAddress, LiveHubConnections.AccessToken(silo));
        var probe = new IncidentFeedProbe(connection);
        await connection.StartAsync(cancellationToken);
        await connection.InvokeAsync("Subscribe", LiveGroups.Incidents, cancellationToken);
        return probe;
    }

    /// <summary>Records that the first alert about <paramref name="resource"/> is being sent now.</summary>
    public void Sending(string resource, long timestamp) => _sent.TryAdd(resource, timestamp);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private void OnIncident(Incident incident)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _updates);
        foreach (var resource in incident.AffectedResources.IsDefault ? [] : incident.AffectedResources)
        {
            if (_sent.TryGetValue(resource, out var sentAt) && _seen.TryAdd(resource, true))
            {
                var delay = System.Diagnostics.Stopwatch.GetElapsedTime(sentAt, now);
                Delays.Add(delay);
                Measured.Add((resource, sentAt, delay));
            }
        }
    }
}
