using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AIOps.Silo.Identity;

/// <summary>
/// Authenticates an alert source on <c>/api/ingest/{source}/...</c> by its own token (bearer, or HTTP Basic with the
/// source's name and token) or an HMAC signature of the body, never by a user token. A signature is only accepted with a timestamp within five minutes, so a captured
/// request cannot be replayed later.
/// </summary>
internal sealed class IngestionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IngestionSources sources,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string BasicRealm = "Basic realm=\"AIOps ingestion\", charset=\"UTF-8\"";
    public const string SchemeName = "ingest-source";
    public const string SourceClaim = "ingest_source";
    public const string SignatureHeader = "X-AIOps-Signature";
    public const string TimestampHeader = "X-AIOps-Timestamp";
    public const int MaxBodyBytes = 4 * 1024 * 1024;
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.GetRouteValue("source") is not string source || !sources.Contains(source))
        {
            return AuthenticateResult.Fail("Unknown ingestion source.");
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return sources.TokenMatches(source, authorization["Bearer ".Length..].Trim())
                ? Success(source)
                : AuthenticateResult.Fail("The source token is wrong.");
        }

        // HTTP Basic with the source's token as password, for senders that can only put credentials in the URL
        // (Amazon SNS: https://<source>:<token>@host/...). The user name must be the source's name.
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return BasicCredentials(authorization["Basic ".Length..].Trim()) is var (user, password)
                && user == source && sources.TokenMatches(source, password)
                ? Success(source)
                : AuthenticateResult.Fail("The source's basic credentials are wrong.");
        }

        var signature = Request.Headers[SignatureHeader].ToString();
        if (signature.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var timestamp = Request.Headers[TimestampHeader].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return AuthenticateResult.Fail("The signature's timestamp is missing or more than five minutes off.");
        }

        var body = await ReadBodyAsync();
        var hex = signature.StartsWith("sha256=", StringComparison.Ordinal) ? signature["sha256=".Length..] : signature;
        return body is not null && sources.SignatureMatches(source, timestamp, body, hex)
            ? Success(source)
            : AuthenticateResult.Fail("The signature does not match the body.");
    }

    private AuthenticateResult Success(string source)
    {
        var identity = new ClaimsIdentity(SchemeName, "name", Caller.RoleClaim);
        identity.AddClaim(new Claim(SourceClaim, source));
        identity.AddClaim(new Claim("name", "ingest:" + source));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static (string User, string Password)? BasicCredentials(string encoded)
    {
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return null;
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes, 0, length);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
    }

    /// <summary>Reads the body for the signature and rewinds it for the endpoint; null when it is too large.</summary>
    private async Task<byte[]?> ReadBodyAsync()
    {
        Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBodyBytes);
        using var copy = new MemoryStream();
        try
        {
            await Request.Body.CopyToAsync(copy, Context.RequestAborted);
        }
        catch (IOException)
        {
            return null;
        }

        Request.Body.Position = 0;
        return copy.ToArray();
    }
}
