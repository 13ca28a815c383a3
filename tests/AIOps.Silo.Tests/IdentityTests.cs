using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AIOps.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AIOps.Silo.Tests;

public sealed partial class IdentityTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private const string Redirect = "http://localhost:5173/callback";

    [Theory]
    [InlineData("AIOps__Identity__DevAccounts", "true", "DevAccounts is on in durable mode")]
    [InlineData("AIOps__Identity__Clients__9__ClientId", "dev-admin", "'dev-admin' is a development-only account")]
    public async Task ADurableSiloRefusesToStartWithTheDevelopmentAccounts(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string>
        {
            [key] = value,
            ["AIOps__Identity__Clients__9__ClientSecret"] = "a-long-enough-secret-for-the-check",
            ["AIOps__Identity__Clients__9__Roles__0"] = "admin",
        };
        if (key == "AIOps__Identity__DevAccounts")
        {
            settings["AIOps__Identity__Clients__9__ClientId"] = "ci-admin";
        }

        // The check runs before the database is touched, so an unreachable one is enough.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SiloProcess.StartAsync("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none", settings, TimeSpan.FromSeconds(60)));
        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonLogsInToTheDashboardWithAuthorizationCodeAndPkceAndGetsTheirRole()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = fixture.Silo.BaseAddress,
        };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = "aiops-dashboard",
            ["response_type"] = "code",
            ["redirect_uri"] = Redirect,
            ["scope"] = "openid profile roles offline_access aiops-api",
            ["state"] = "s-42",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        using var first = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var loginUrl = first.Headers.Location!.ToString();
        Assert.Contains("/account/login", loginUrl, StringComparison.Ordinal);

        var wrong = await LogInAsync(browser, loginUrl, "approver", "not-the-password");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Unknown user or wrong password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var loggedIn = await LogInAsync(browser, loginUrl, "approver", "approver");
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        using var back = await browser.GetAsync(loggedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = back.Headers.Location!;
        Assert.StartsWith(Redirect, callback.ToString(), StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal("s-42", query["state"]);

        using var exchange = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "aiops-dashboard",
            ["code"] = query["code"]!,
            ["redirect_uri"] = Redirect,
            ["code_verifier"] = verifier,
        }));
        var tokens = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(exchange.IsSuccessStatusCode, tokens.ToString());
        var access = tokens.GetProperty("access_token").GetString()!;
        var claims = new JsonWebToken(access);
        Assert.Equal(("approver", "approver"), (claims.GetClaim("sub").Value, claims.GetClaim("role").Value));
        Assert.True(tokens.TryGetProperty("id_token", out _));

        using var api = new HttpClient { BaseAddress = fixture.Silo.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/agents/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/agents/config", JsonContent.Create(new { id = "x" }))).StatusCode);

        using var refresh = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "aiops-dashboard",
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        }));
        Assert.True(refresh.IsSuccessStatusCode, await refresh.Content.ReadAsStringAsync());

        // The same code cannot be used without the verifier it was issued for.
        using var stolen = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "aiops-dashboard",
            ["code"] = query["code"]!,
            ["redirect_uri"] = Redirect,
            ["code_verifier"] = Base64Url(RandomNumberGenerator.GetBytes(32)),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
    }

    [Fact]
    public async Task ALoginPageNeverRedirectsOffSite()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = fixture.Silo.BaseAddress,
        };
        using var response = await LogInAsync(browser, "/account/login?returnUrl=" + Uri.EscapeDataString("//evil.example/steal"), "viewer", "viewer");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task TokensOfAnExternalAuthorityAreAcceptedWithTheirGroupsMappedToRoles()
    {
        using var authority = new FakeAuthority();
        await using var silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["AIOps__Identity__External__Authority"] = authority.Issuer,
            ["AIOps__Identity__External__Audience"] = "api://aiops",
            ["AIOps__Identity__External__RequireHttpsMetadata"] = "false",
            ["AIOps__Identity__External__RoleClaim"] = "groups",
            ["AIOps__Identity__External__RoleMap__sre-leads"] = "approver",
            ["AIOps__Identity__External__TeamClaim"] = "department",
        });
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        async Task<HttpResponseMessage> CallAsync(string token, HttpMethod method, string path, HttpContent? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return await http.SendAsync(request);
        }

        var lead = authority.Token("ana@example.com", "api://aiops", ["sre-leads", "everyone"]);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(lead, HttpMethod.Get, "/api/agents/status")).StatusCode);
        var approve = await CallAsync(lead, HttpMethod.Post, "/api/actions/act-unknown/approve", JsonContent.Create(new { comment = "ok" }));
        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);

        var unmapped = authority.Token("bob@example.com", "api://aiops", ["everyone"]);
        var forbidden = await CallAsync(unmapped, HttpMethod.Get, "/api/agents/status");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("no AIOps role", (await forbidden.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var otherAudience = authority.Token("ana@example.com", "api://someone-else", ["sre-leads"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(otherAudience, HttpMethod.Get, "/api/agents/status")).StatusCode);

        // The embedded issuer keeps working beside the external one.
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/api/agents/status")).StatusCode);

        // The external caller is the actor the platform records.
        var opened = await CallAsync(authority.Token("ana@example.com", "api://aiops", ["operators-x"], role: "operator"), HttpMethod.Post, "/api/incidents",
            JsonContent.Create(new { title = "From Entra", severity = "low" }));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var timeline = await silo.Http.GetFromJsonAsync<JsonElement[]>($"/api/incidents/{(await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()}/timeline");
        Assert.Equal("ana@example.com", timeline![0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task AUserWithAHashedPasswordFromTheHashCommandLogsIn()
    {
        var hash = await RunSiloCommandAsync("hash-password", "correct horse battery staple\n");
        Assert.Equal(0, hash.ExitCode);
        Assert.StartsWith("AQAAAA", hash.Output.Trim(), StringComparison.Ordinal);
        var tooShort = await RunSiloCommandAsync("hash-password", "short\n");
        Assert.Equal(2, tooShort.ExitCode);

        await using var silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["AIOps__Identity__Users__0__UserName"] = "dana",
            ["AIOps__Identity__Users__0__PasswordHash"] = hash.Output.Trim(),
            ["AIOps__Identity__Users__0__Roles__0"] = "approver",
        });
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = silo.BaseAddress };
        using var wrong = await LogInAsync(browser, "/account/login", "dana", "correct horse battery stapler");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var right = await LogInAsync(browser, "/account/login", "dana", "correct horse battery staple");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    private static async Task<(int ExitCode, string Output)> RunSiloCommandAsync(string command, string input)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "silo", "AIOps.Silo", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name, "AIOps.Silo.dll");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { ArgumentList = { dll, command }, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    private static async Task<HttpResponseMessage> LogInAsync(HttpClient browser, string loginUrl, string user, string password)
    {
        var page = await browser.GetStringAsync(loginUrl);
        var field = Field().Match(page);
        var returnUrl = ReturnUrl().Match(page);
        Assert.True(field.Success && returnUrl.Success, page);
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [field.Groups[1].Value] = WebUtility.HtmlDecode(field.Groups[2].Value),
            ["returnUrl"] = WebUtility.HtmlDecode(returnUrl.Groups[1].Value),
            ["username"] = user,
            ["password"] = password,
        }));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\"")]
    private static partial Regex Field();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();

    /// <summary>An OpenID Connect authority on loopback: discovery document and keys over real HTTP, tokens signed with its RSA key.</summary>
    private sealed class FakeAuthority : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "fake-1" };
        private readonly CancellationTokenSource _stop = new();

        public FakeAuthority()
        {
            var port = FreePort.Next();
            Issuer = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Issuer);
            _listener.Start();
            _ = ServeAsync();
        }

        public string Issuer { get; }

        public string Token(string user, string audience, string[] groups, string? role = null)
        {
            var claims = new Dictionary<string, object>
            {
                ["preferred_username"] = user,
                ["groups"] = groups,
                ["department"] = "payments",
            };
            if (role is not null)
            {
                claims["groups"] = groups.Append(role).ToArray();
            }

            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = audience,
                Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", Guid.NewGuid().ToString())]),
                Claims = claims,
                Expires = DateTime.UtcNow.AddMinutes(10),
                SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
            });
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var path = context.Request.Url!.AbsolutePath;
                object? body = path switch
                {
                    "/.well-known/openid-configuration" => new Dictionary<string, object>
                    {
                        ["issuer"] = Issuer,
                        ["jwks_uri"] = Issuer + "keys",
                        ["authorization_endpoint"] = Issuer + "authorize",
                        ["token_endpoint"] = Issuer + "token",
                        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                    },
                    "/keys" => new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId }) } },
                    _ => null,
                };
                context.Response.StatusCode = body is null ? 404 : 200;
                context.Response.ContentType = "application/json";
                if (body is not null)
                {
                    await JsonSerializer.SerializeAsync(context.Response.OutputStream, body, body.GetType());
                }

                context.Response.Close();
            }
        }
    }
}
