using System.Text;
using AIOps.Estate.Metrics;
using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;

namespace AIOps.Metrics.Influx;

/// <summary>
/// Writes metric samples to InfluxDB (v2 write API, line protocol with millisecond precision) through InfluxDB.Client's
/// <see cref="WriteApiAsync"/>, in batches of <see cref="InfluxOptions.BatchSize"/> points: the write that fills a batch sends it
/// (so a slow server slows writers down instead of growing memory), and a timer sends a partly filled batch every
/// <see cref="InfluxOptions.FlushInterval"/>. A batch that fails stays queued for the next attempt, up to
/// <see cref="InfluxOptions.MaxBufferedPoints"/>; beyond that the oldest are dropped and counted.
/// </summary>
/// <remarks>
/// Reads are not supported (see <see cref="QueryRangeAsync"/>): reading InfluxDB 2 means Flux, and no server that speaks Flux
/// can run where this code is tested, so a Flux reader here would be unverified. Read the same data back through
/// <see cref="Prometheus.PrometheusMetricsSource"/> pointed at a server that stores line protocol and serves the Prometheus
/// API (VictoriaMetrics names the series <c>&lt;metric&gt;_value</c>, or <c>&lt;metric&gt;</c> with <c>-influxSkipSingleField</c>).
/// </remarks>
public sealed class InfluxTimeSeriesStore : ITimeSeriesStore, IAsyncDisposable
{
    private readonly InfluxOptions _options;
    private readonly InfluxDBClient _client;
    private readonly WriteApiAsync _writeApi;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly LinkedList<Batch> _ready = new();
    private StringBuilder _current = new();
    private int _currentPoints;
    private int _bufferedPoints;
    private long _written;
    private long _dropped;
    private long _skipped;
    private Exception? _lastError;
    private bool _disposed;

    /// <summary>Creates the writer; <paramref name="options"/> are validated here.</summary>
    /// <param name="options">Server, credentials and batching.</param>
    /// <param name="timeProvider">Clock for the flush timer; the system clock when null.</param>
    public InfluxTimeSeriesStore(InfluxOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var clientOptions = new InfluxDBClientOptions(options.Url!.ToString())
        {
            Org = options.Org,
            Bucket = options.Bucket,
            Timeout = options.Timeout,
        };
        if (options.Token.Length > 0)
        {
            // The client refuses an empty token; servers without authentication (VictoriaMetrics) need none.
            clientOptions.Token = options.Token;
        }

        _client = new InfluxDBClient(clientOptions);
        _writeApi = _client.GetWriteApiAsync();
        _timer = (timeProvider ?? TimeProvider.System).CreateTimer(_ => _ = FlushInBackgroundAsync(), null, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>Current counters.</summary>
    public InfluxWriterStatistics Statistics
    {
        get
        {
            lock (_lock)
            {
                return new InfluxWriterStatistics(_written, _bufferedPoints, _dropped, _skipped, _lastError);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<MetricSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var batchFilled = false;
        lock (_lock)
        {
            foreach (var sample in samples)
            {
                var length = _current.Length;
                try
                {
                    if (!LineProtocol.TryAppend(_current, sample))
                    {
                        _skipped++;
                        continue;
                    }
                }
                catch (ArgumentException)
                {
                    _current.Length = length;
                    throw;
                }

                _bufferedPoints++;
                if (++_currentPoints == _options.BatchSize)
                {
                    SealCurrent();
                    batchFilled = true;
                }
            }
        }

        if (batchFilled)
        {
            await SendReadyAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            SealCurrent();
        }

        await SendReadyAsync(cancellationToken);
    }

    /// <summary>Not supported: this store only writes. See the remarks of <see cref="InfluxTimeSeriesStore"/> for why.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(MetricQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            "InfluxTimeSeriesStore only writes: reading InfluxDB 2 needs Flux, which is not implemented because it cannot be tested here. " +
            "Read through PrometheusMetricsSource (Prometheus HTTP API) from a server that stores the same line protocol, such as VictoriaMetrics.");

    /// <summary>Stops the timer, sends what is buffered (best effort) and releases the client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _timer.DisposeAsync();
        try
        {
            using var timeout = new CancellationTokenSource(_options.Timeout);
            await FlushAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Best effort: the caller chose to dispose; what could not be sent is counted as dropped.
            lock (_lock)
            {
                _dropped += _bufferedPoints;
                _lastError = e;
            }
        }

        _client.Dispose();
        _sending.Dispose();
    }

    private void SealCurrent()
    {
        if (_currentPoints == 0)
        {
            return;
        }

        _ready.AddLast(new Batch(_current.ToString(), _currentPoints));
        _current.Clear();
        if (_current.Capacity > 4 * 1024 * 1024)
        {
            _current = new StringBuilder();
        }

        _currentPoints = 0;
    }

    private async Task SendReadyAsync(CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                Batch batch;
                lock (_lock)
                {
                    if (_ready.First is null)
                    {
                        return;
                    }

                    batch = _ready.First.Value;
                    _ready.RemoveFirst();
                }

                try
                {
                    // The body is already line protocol, several lines joined by '\n': one record string is one request.
                    await _writeApi.WriteRecordAsync(batch.Body, WritePrecision.Ms, _options.Bucket, _options.Org, cancellationToken);
                }
                catch
                {
                    Requeue(batch);
                    throw;
                }

                lock (_lock)
                {
                    _bufferedPoints -= batch.Points;
                    _written += batch.Points;
                }
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private void Requeue(Batch batch)
    {
        lock (_lock)
        {
            _ready.AddFirst(batch);
            while (_bufferedPoints > _options.MaxBufferedPoints && _ready.First is not null)
            {
                var oldest = _ready.First.Value;
                _ready.RemoveFirst();
                _bufferedPoints -= oldest.Points;
                _dropped += oldest.Points;
            }
        }
    }

    private async Task FlushInBackgroundAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            lock (_lock)
            {
                _lastError = e;
            }
        }
    }

    private sealed record Batch(string Body, int Points);
}
