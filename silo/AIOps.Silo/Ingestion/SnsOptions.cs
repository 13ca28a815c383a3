using AIOps.Abstractions;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// How CloudWatch alarms arrive through Amazon SNS (section <c>AIOps:Ingestion:Sns</c>): which hosts may serve signing
/// certificates and confirmation URLs, limits, and per-source topic allow-lists and severities.
/// </summary>
public sealed class SnsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "AIOps:Ingestion:Sns";

    /// <summary>
    /// Hosts allowed to serve <c>SigningCertURL</c> and <c>SubscribeURL</c> (a .NET regular expression over the host
    /// name): SNS's regional endpoints, <c>sns.&lt;region&gt;.amazonaws.com</c> and <c>.amazonaws.com.cn</c>.
    /// </summary>
    public string CertificateHostPattern { get; set; } = @"^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$";

    /// <summary>Further hosts allowed exactly (development and tests; e.g. a local SNS emulator). Empty by default.</summary>
    public List<string> ExtraHosts { get; set; } = [];

    /// <summary>
    /// Development only: allow plain <c>http://</c> certificate and confirmation URLs when the host is a loopback
    /// address (<c>127.0.0.1</c>, <c>::1</c>, <c>localhost</c>) that <see cref="ExtraHosts"/> lists. Off by default:
    /// otherwise only https is fetched.
    /// </summary>
    public bool AllowHttpLoopback { get; set; }

    /// <summary>How long fetching a signing certificate or confirming a subscription may take.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest request body accepted, in bytes; larger ones get 413 before parsing (SNS sends at most 256 KiB).</summary>
    public int MaxBodyBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// Messages whose signed <c>Timestamp</c> is older than this are refused as replays (SNS's HTTP retries end within
    /// an hour); 5 minutes of clock skew into the future are tolerated.
    /// </summary>
    public TimeSpan MaxMessageAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Severity of an ALARM when neither a message attribute nor the alarm description names one.</summary>
    public Severity DefaultSeverity { get; set; } = Severity.High;

    /// <summary>
    /// Name of the SNS message attribute, or of the <c>key=value</c> token in the alarm's description
    /// (<c>severity=critical</c>), that gives an alarm's severity.
    /// </summary>
    public string SeverityKey { get; set; } = "severity";

    /// <summary>Per ingestion source (key = source name): topic allow-list and default severity.</summary>
    public Dictionary<string, SnsSourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);
}
