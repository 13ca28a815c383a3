using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AIOps.Testing;

/// <summary>Access tokens from a silo's embedded issuer (client-credentials grant), cached per role until near expiry.</summary>
public sealed class SiloTokens(Uri baseAddress, bool durable)
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    /// <summary>A valid token for <paramref name="role"/>.</summary>
    public async Task<string> ForRoleAsync(string role, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(role, out var cached) && cached.Expires > DateTimeOffset.UtcNow.AddMinutes(1))
        {
            return cached.Token;
        }

        var (clientId, secret) = TestAccounts.For(role, durable);
        var token = await RequestAsync(clientId, secret, cancellationToken);
        _cache[role] = token;
        return token.Token;
    }

    /// <summary>Asks the token endpoint with any client id and secret; throws with the issuer's answer when refused.</summary>
    public async Task<(string Token, DateTimeOffset Expires)> RequestAsync(string clientId, string secret, CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(clientId, secret, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/connect/token refused {clientId}: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        var expiresIn = json.RootElement.GetProperty("expires_in").GetInt32();
        return (json.RootElement.GetProperty("access_token").GetString()!, DateTimeOffset.UtcNow.AddSeconds(expiresIn));
    }

    /// <summary>The raw token request, for tests of the issuer itself.</summary>
    public Task<HttpResponseMessage> PostAsync(string clientId, string secret, CancellationToken cancellationToken = default) =>
        Client.PostAsync(new Uri(baseAddress, "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }), cancellationToken);
}

/// <summary>Adds <c>Authorization: Bearer</c> with a token for one role to every request.</summary>
public sealed class BearerTokenHandler(SiloTokens tokens, string role) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.ForRoleAsync(role, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
