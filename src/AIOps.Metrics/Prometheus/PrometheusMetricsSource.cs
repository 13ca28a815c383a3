using System.Globalization;
using System.Net;
using AIOps.Estate.Metrics;

namespace AIOps.Metrics.Prometheus;

/// <summary>
/// Reads range queries from Prometheus' HTTP API (<c>POST /api/v1/query_range</c>); works against anything that serves that API,
/// VictoriaMetrics included.
/// </summary>
public sealed class PrometheusMetricsSource : IMetricsSource
{
    private readonly HttpClient _httpClient;
    private readonly PrometheusOptions _options;
    private readonly Uri _queryRange;

    /// <summary>Creates the source; <paramref name="options"/> are validated here.</summary>
    /// <param name="httpClient">The client to send with; its own timeout should not be shorter than <see cref="PrometheusOptions.Timeout"/>.</param>
    /// <param name="options">Server address and timeout.</param>
    public PrometheusMetricsSource(HttpClient httpClient, PrometheusOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _httpClient = httpClient;
        _options = options;
        _queryRange = new Uri(options.BaseAddress!, "api/v1/query_range");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Step <= TimeSpan.Zero)
        {
            throw new ArgumentException("The step must be positive.", nameof(query));
        }

        if (query.To < query.From)
        {
            throw new ArgumentException("The end of the range is before its start.", nameof(query));
        }

        var form = new FormUrlEncodedContent(
        [
            new("query", PromQl.Selector(query.Metric, query.Matchers)),
            new("start", UnixSeconds(query.From)),
            new("end", UnixSeconds(query.To)),
            new("step", query.Step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
            new("timeout", Math.Max(1, (int)_options.Timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"),
        ]);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _httpClient.PostAsync(_queryRange, form, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return PrometheusResponseParser.ParseMatrix(body, response.StatusCode, _queryRange);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Prometheus at {_options.BaseAddress} did not answer query_range within {_options.Timeout} (setting {PrometheusOptions.SectionName}:{nameof(PrometheusOptions.Timeout)}).");
        }
        catch (HttpRequestException e)
        {
            throw new PrometheusQueryException($"Prometheus at {_options.BaseAddress} could not be reached: {e.Message}", null, e.StatusCode ?? HttpStatusCode.ServiceUnavailable);
        }
    }

    private static string UnixSeconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000m).ToString("0.###", CultureInfo.InvariantCulture);
}
