using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AIOps.Abstractions;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// Checks an SNS message's signature: SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, over
/// <see cref="SnsEnvelope.StringToSign"/>, with the public key of the certificate at <c>SigningCertURL</c>. The
/// certificate is fetched only from an allowed URL (<see cref="SnsUrlPolicy"/>), without following redirects, within
/// <see cref="SnsOptions.FetchTimeout"/>, and cached by URL. Refusals say what failed, never anything about the key.
/// </summary>
internal sealed partial class SnsSignatureVerifier(
    IHttpClientFactory httpClients,
    SnsUrlPolicy urls,
    TimeProvider time,
    ILogger<SnsSignatureVerifier> logger)
{
    /// <summary>Name of the HTTP client used for SNS URLs (no redirects, no cookies).</summary>
    public const string HttpClientName = "aiops-sns";

    private const int MaxCertificateBytes = 64 * 1024;
    private const int MaxCachedCertificates = 64;
    private readonly ConcurrentDictionary<string, Task<X509Certificate2>> _certificates = new(StringComparer.Ordinal);

    /// <summary>Returns when the message is authentic.</summary>
    /// <exception cref="ForbiddenException">The signature, the certificate or its URL is not acceptable.</exception>
    /// <exception cref="SnsFetchException">The certificate could not be fetched now.</exception>
    public async Task VerifyAsync(SnsEnvelope envelope, CancellationToken cancel)
    {
        var url = urls.Allowed(envelope.SigningCertUrl)
            ?? throw new ForbiddenException("SigningCertURL is not an https URL on an Amazon SNS host; the message was not verified.");
        var signature = new byte[envelope.Signature.Length];
        if (!Convert.TryFromBase64String(envelope.Signature, signature, out var length))
        {
            throw new ForbiddenException("Signature is not base64; the message was not verified.");
        }

        var certificate = await CertificateAsync(url, cancel);
        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            throw new ForbiddenException("The signing certificate is not valid at this time; the message was not verified.");
        }

        using var key = certificate.GetRSAPublicKey()
            ?? throw new ForbiddenException("The signing certificate has no RSA key; the message was not verified.");
        var algorithm = envelope.SignatureVersion == "1" ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        if (!key.VerifyData(Encoding.UTF8.GetBytes(envelope.StringToSign()), signature.AsSpan(0, length), algorithm, RSASignaturePadding.Pkcs1))
        {
            throw new ForbiddenException("The message signature does not match its content; the message was refused.");
        }
    }

    private async Task<X509Certificate2> CertificateAsync(Uri url, CancellationToken cancel)
    {
        if (_certificates.Count > MaxCachedCertificates)
        {
            _certificates.Clear();
        }

        // One fetch per URL even when deliveries arrive together; a failed fetch is forgotten so the next one retries.
        var key = url.AbsoluteUri;
        var fetch = _certificates.GetOrAdd(key, _ => FetchAsync(url));
        try
        {
            return await fetch.WaitAsync(cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException || fetch.IsCompleted)
        {
            _certificates.TryRemove(KeyValuePair.Create(key, fetch));
            throw;
        }
    }

    private async Task<X509Certificate2> FetchAsync(Uri url)
    {
        var http = httpClients.CreateClient(HttpClientName);
        byte[] body;
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new SnsFetchException($"The signing certificate could not be fetched from {url.Host}: HTTP {(int)response.StatusCode}.");
            }

            body = await SnsHttp.ReadLimitedAsync(response, MaxCertificateBytes)
                ?? throw new ForbiddenException("The signing certificate is larger than any certificate; the message was not verified.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            LogFetchFailed(logger, url.Host, e.GetType().Name);
            throw new SnsFetchException($"The signing certificate could not be fetched from {url.Host} in time.", e);
        }

        try
        {
            var text = Encoding.ASCII.GetString(body);
            var certificate = text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(body);
            LogFetched(logger, url.Host, certificate.NotAfter);
            return certificate;
        }
        catch (CryptographicException)
        {
            throw new ForbiddenException("SigningCertURL does not serve an X.509 certificate; the message was not verified.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched an SNS signing certificate from {Host} (valid until {NotAfter:O})")]
    private static partial void LogFetched(ILogger logger, string host, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the SNS signing certificate from {Host} ({Error})")]
    private static partial void LogFetchFailed(ILogger logger, string host, string error);
}
