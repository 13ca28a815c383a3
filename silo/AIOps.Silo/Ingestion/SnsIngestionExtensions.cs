using System.Text.RegularExpressions;

namespace AIOps.Silo.Ingestion;

/// <summary>Registers CloudWatch-through-SNS ingestion: options, URL policy, signature verifier, confirmer, receiver.</summary>
public static class SnsIngestionExtensions
{
    /// <summary>Adds what <c>POST /api/ingest/{source}/cloudwatch</c> needs; a bad setting stops start-up naming the key.</summary>
    public static WebApplicationBuilder AddSnsIngestion(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        const string section = SnsOptions.SectionName;
        builder.Services.AddOptions<SnsOptions>()
            .BindConfiguration(section)
            .Validate(o => IsRegex(o.CertificateHostPattern), $"{section}:CertificateHostPattern must be a valid regular expression.")
            .Validate(o => o.FetchTimeout > TimeSpan.Zero && o.FetchTimeout <= TimeSpan.FromMinutes(1), $"{section}:FetchTimeout must be more than 0 and at most 1 minute.")
            .Validate(o => o.MaxBodyBytes is >= 256 * 1024 and <= 8 * 1024 * 1024, $"{section}:MaxBodyBytes must be between 262144 (SNS's largest message) and 8388608.")
            .Validate(o => o.MaxMessageAge >= TimeSpan.FromMinutes(1), $"{section}:MaxMessageAge must be at least 1 minute.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.SeverityKey), $"{section}:SeverityKey must not be empty.")
            .Validate(o => o.ExtraHosts.All(h => Uri.CheckHostName(h) != UriHostNameType.Unknown), $"{section}:ExtraHosts must hold host names or IP addresses only.")
            .ValidateOnStart();
        builder.Services.AddHttpClient(SnsSignatureVerifier.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers() // The default request log would print SubscribeURL, whose query holds the confirmation token.
            .ConfigureHttpClient((services, http) => http.Timeout = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SnsOptions>>().Value.FetchTimeout);
        builder.Services.AddSingleton<SnsUrlPolicy>();
        builder.Services.AddSingleton<SnsSignatureVerifier>();
        builder.Services.AddSingleton<SnsSubscriptionConfirmer>();
        builder.Services.AddSingleton<SnsReceiver>();
        return builder;
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return !string.IsNullOrEmpty(pattern);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
