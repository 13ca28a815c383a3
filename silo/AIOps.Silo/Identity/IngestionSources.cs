using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AIOps.Silo.Identity;

/// <summary>
/// Alert sources allowed to post to <c>/api/ingest/{source}/...</c> (section <c>AIOps:Ingestion:Sources</c>), each with
/// a static token, an HMAC secret, or both. Alertmanager and most webhooks send a bearer token; signing webhooks
/// send an HMAC of the body.
/// </summary>
public sealed partial class IngestionSources
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "AIOps:Ingestion";

    /// <summary>The development source of the embedded mode; token and HMAC secret equal its name.</summary>
    public const string DevSource = "dev-ingest";

    private const int MinimumSecretLength = 16;
    private readonly FrozenDictionary<string, IngestionSourceSettings> _sources;

    private IngestionSources(Dictionary<string, IngestionSourceSettings> sources) =>
        _sources = sources.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Names of the configured sources.</summary>
    public IEnumerable<string> Names => _sources.Keys;

    /// <summary>Validates the configured sources for the hosting mode; adds <see cref="DevSource"/> in embedded mode.</summary>
    /// <exception cref="InvalidOperationException">A source is unsafe or incomplete.</exception>
    public static IngestionSources Build(IConfiguration configuration, bool durable)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sources = new Dictionary<string, IngestionSourceSettings>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(SectionName + ":Sources").GetChildren())
        {
            var source = section.Get<IngestionSourceSettings>() ?? new IngestionSourceSettings();
            var name = section.Key;
            Check(NamePattern().IsMatch(name), $"AIOps:Ingestion:Sources: source name '{name}' must be 1-64 lower-case letters, digits or '-'.");
            Check(!(durable && name == DevSource), $"AIOps:Ingestion:Sources: '{DevSource}' is a development-only source; a durable silo refuses to start with it.");
            Check(source.Token is not null || source.HmacSecret is not null, $"AIOps:Ingestion:Sources:{name} needs a Token or an HmacSecret.");
            Check(source.Token is null || source.Token.Length >= MinimumSecretLength, $"AIOps:Ingestion:Sources:{name}:Token must be at least {MinimumSecretLength} characters.");
            Check(source.HmacSecret is null || source.HmacSecret.Length >= MinimumSecretLength, $"AIOps:Ingestion:Sources:{name}:HmacSecret must be at least {MinimumSecretLength} characters.");
            sources[name] = source;
        }

        if (!durable)
        {
            sources.TryAdd(DevSource, new IngestionSourceSettings { Token = DevSource, HmacSecret = DevSource });
        }

        return new IngestionSources(sources);
    }

    /// <summary>True when <paramref name="token"/> is the source's token (compared in constant time).</summary>
    public bool TokenMatches(string source, string token) =>
        _sources.TryGetValue(source, out var settings) && settings.Token is { } expected && SameSecret(expected, token);

    /// <summary>True when <paramref name="signature"/> (hex) is the HMAC-SHA256 of <c>timestamp + "." + body</c> under the source's secret.</summary>
    public bool SignatureMatches(string source, string timestamp, ReadOnlySpan<byte> body, string signature)
    {
        if (!_sources.TryGetValue(source, out var settings) || settings.HmacSecret is not { } secret)
        {
            return false;
        }

        var expected = Convert.FromHexString(Sign(secret, timestamp, body));
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>True when the source exists.</summary>
    public bool Contains(string source) => _sources.ContainsKey(source);

    /// <summary>Signs a body the way a sender must: hex HMAC-SHA256 of <c>timestamp + "." + body</c>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + 1 + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, signed);
        signed[written] = (byte)'.';
        body.CopyTo(signed.AsSpan(written + 1));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    // Hashing first makes the comparison constant-time whatever the lengths.
    private static bool SameSecret(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex NamePattern();
}

/// <summary>One alert source's credentials.</summary>
public sealed class IngestionSourceSettings
{
    /// <summary>Static bearer token the source sends (<c>Authorization: Bearer ...</c>).</summary>
    public string? Token { get; set; }

    /// <summary>Secret for <c>X-AIOps-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))</c> with <c>X-AIOps-Timestamp</c> (Unix seconds).</summary>
    public string? HmacSecret { get; set; }

    /// <inheritdoc />
    public override string ToString() => "ingestion source (secrets hidden)";
}
