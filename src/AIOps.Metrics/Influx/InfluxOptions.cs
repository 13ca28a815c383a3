namespace AIOps.Metrics.Influx;

/// <summary>Where the InfluxDB v2 write API is and how writes are batched.</summary>
public sealed class InfluxOptions
{
    /// <summary>Configuration section these options are bound from.</summary>
    public const string SectionName = "Metrics:Influx";

    /// <summary>Server address, e.g. <c>http://influxdb:8086</c> (or VictoriaMetrics, which accepts <c>/api/v2/write</c>).</summary>
    public Uri? Url { get; set; }

    /// <summary>API token; empty sends no <c>Authorization</c> header (VictoriaMetrics needs none).</summary>
    public string Token { get; set; } = "";

    /// <summary>Organization written to.</summary>
    public string Org { get; set; } = "aiops";

    /// <summary>Bucket written to.</summary>
    public string Bucket { get; set; } = "aiops";

    /// <summary>Points per HTTP request; a full batch is sent by the write that fills it.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>How often a partly filled batch is sent anyway.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most points held while the server fails; beyond it the oldest batches are dropped and counted.</summary>
    public int MaxBufferedPoints { get; set; } = 500_000;

    /// <summary>Timeout of one write request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws with the name of the offending key when a setting is unusable.</summary>
    public void Validate()
    {
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(Url)} must be an absolute http(s) address; it is '{Url}'.");
        }

        if (string.IsNullOrEmpty(Org) || string.IsNullOrEmpty(Bucket))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(Org)} and {SectionName}:{nameof(Bucket)} must be set.");
        }

        if (BatchSize < 1)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(BatchSize)} must be at least 1; it is {BatchSize}.");
        }

        if (MaxBufferedPoints < BatchSize)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(MaxBufferedPoints)} must be at least {nameof(BatchSize)} ({BatchSize}); it is {MaxBufferedPoints}.");
        }

        if (FlushInterval <= TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(FlushInterval)} and {SectionName}:{nameof(Timeout)} must be positive.");
        }
    }
}
