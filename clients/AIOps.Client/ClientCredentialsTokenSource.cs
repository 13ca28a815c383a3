using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace AIOps.Client;

/// <summary>
/// Access tokens for automation from an OAuth2 token endpoint with the client-credentials grant (the embedded
/// issuer's <c>/connect/token</c>, or any authority's), cached until a minute before they expire. Pass
/// <see cref="GetTokenAsync"/> to <see cref="AIOpsLiveFeed"/>, or use it for HTTP calls.
/// </summary>
public sealed class ClientCredentialsTokenSource : IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);
    private readonly Uri _tokenEndpoint;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly string? _scope;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    /// <summary>Creates the source.</summary>
    /// <param name="tokenEndpoint">The token endpoint, e.g. <c>http://localhost:5080/connect/token</c>.</param>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret; kept in memory only, never logged.</param>
    /// <param name="scope">Scopes to ask for, space separated; none by default.</param>
    /// <param name="http">HTTP client to use; one is created (and disposed with this source) when omitted.</param>
    public ClientCredentialsTokenSource(Uri tokenEndpoint, string clientId, string clientSecret, string? scope = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        (_tokenEndpoint, _clientId, _clientSecret, _scope) = (tokenEndpoint, clientId, clientSecret, scope);
        _ownsHttp = http is null;
        _http = http ?? new HttpClient();
    }

    /// <summary>A valid access token, from the cache or freshly requested.</summary>
    /// <exception cref="HttpRequestException">The token endpoint refused the client; the message has its error.</exception>
    public async Task<string?> GetTokenAsync()
    {
        if (_token is { } cached && DateTimeOffset.UtcNow < _expires - RefreshMargin)
        {
            return cached;
        }

        await _gate.WaitAsync();
        try
        {
            if (_token is { } again && DateTimeOffset.UtcNow < _expires - RefreshMargin)
            {
                return again;
            }

            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _clientId,
                ["client_secret"] = _clientSecret,
            };
            if (_scope is not null)
            {
                form["scope"] = _scope;
            }

            using var response = await _http.PostAsync(_tokenEndpoint, new FormUrlEncodedContent(form));
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
            if (!response.IsSuccessStatusCode || body?.AccessToken is null)
            {
                throw new HttpRequestException(
                    $"The token endpoint refused client '{_clientId}': {body?.Error ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)} {body?.ErrorDescription}".TrimEnd(),
                    null,
                    response.StatusCode);
            }

            _token = body.AccessToken;
            _expires = DateTimeOffset.UtcNow.AddSeconds(body.ExpiresIn ?? 300);
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gate.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
