namespace AIOps.Metrics.Prometheus;

/// <summary>Where the Prometheus HTTP API is and how long a query may take.</summary>
public sealed class PrometheusOptions
{
    /// <summary>Configuration section these options are bound from.</summary>
    public const string SectionName = "Metrics:Prometheus";

    /// <summary>Base address of the server, e.g. <c>http://prometheus:9090/</c>; VictoriaMetrics' address works too.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>How long one <c>query_range</c> call may take before it fails with a <see cref="TimeoutException"/>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws with the name of the offending key when a setting is unusable.</summary>
    public void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(BaseAddress)} must be an absolute http(s) address; it is '{BaseAddress}'.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(Timeout)} must be positive; it is {Timeout}.");
        }
    }
}
