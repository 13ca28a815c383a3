using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// Decides whether a URL taken from an SNS message (<c>SigningCertURL</c>, <c>SubscribeURL</c>) may be fetched: https
/// on an SNS host (<see cref="SnsOptions.CertificateHostPattern"/>) on the default port, or a host listed in
/// <see cref="SnsOptions.ExtraHosts"/>; plain http only for a listed loopback host with
/// <see cref="SnsOptions.AllowHttpLoopback"/>. Anything else is never fetched, so a forged message cannot make the
/// silo call an address of the attacker's choosing.
/// </summary>
internal sealed partial class SnsUrlPolicy
{
    private readonly Regex _snsHosts;
    private readonly HashSet<string> _extraHosts;
    private readonly bool _httpLoopback;

    public SnsUrlPolicy(IOptions<SnsOptions> options, ILogger<SnsUrlPolicy> logger)
    {
        var settings = options.Value;
        if (settings.ExtraHosts.Count > 0 || settings.AllowHttpLoopback)
        {
            LogDevelopmentHosts(logger, string.Join(", ", settings.ExtraHosts), settings.AllowHttpLoopback);
        }

        _snsHosts = new Regex(settings.CertificateHostPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        _extraHosts = new HashSet<string>(settings.ExtraHosts, StringComparer.OrdinalIgnoreCase);
        _httpLoopback = settings.AllowHttpLoopback;
    }

    /// <summary>The URL as a <see cref="Uri"/> when it may be fetched; null otherwise.</summary>
    public Uri? Allowed(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }

        var host = uri.IdnHost;
        var extra = _extraHosts.Contains(host);
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return extra || (uri.IsDefaultPort && _snsHosts.IsMatch(host)) ? uri : null;
        }

        var loopback = host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        return uri.Scheme == Uri.UriSchemeHttp && _httpLoopback && extra && loopback ? uri : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNS certificates and confirmations are also accepted from {Hosts} (AllowHttpLoopback: {Http}): a development setting, not for production")]
    private static partial void LogDevelopmentHosts(ILogger logger, string hosts, bool http);
}
