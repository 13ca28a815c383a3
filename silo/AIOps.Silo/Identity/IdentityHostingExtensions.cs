using AIOps.Silo.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AIOps.Silo.Identity;

/// <summary>
/// Identity for every API route and the live hub: the embedded OpenIddict issuer, bearer validation of its tokens
/// and, by configuration, of an external OpenID Connect authority's, and the role policies.
/// </summary>
public static class IdentityHostingExtensions
{
    /// <summary>The audience (resource) of access tokens for the AIOps API.</summary>
    public const string ApiAudience = "aiops-api";

    /// <summary>Scope a client asks for to get an API token; granted implicitly to the platform's own clients.</summary>
    public const string ApiScope = "aiops-api";

    /// <summary>Scheme that picks the embedded or the external validator from the token's issuer.</summary>
    public const string BearerScheme = "aiops-bearer";

    /// <summary>Scheme for tokens of the external authority.</summary>
    public const string ExternalScheme = "external-oidc";

    /// <summary>Cookie that remembers a login at the embedded issuer's login page.</summary>
    public const string LoginScheme = "aiops-login";

    /// <summary>Registers identity; the settings are checked now, so a bad configuration stops the silo at start.</summary>
    public static WebApplicationBuilder AddAIOpsIdentity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(IdentitySettings.SectionName).Get<IdentitySettings>() ?? new IdentitySettings();
        var durable = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(AIOps.Hosting.AIOpsOptions.ConnectionStringName));
        var catalog = IdentityCatalog.Build(settings, durable);
        if (!settings.EmbeddedIssuer && settings.External?.Authority is null)
        {
            throw new InvalidOperationException("AIOps:Identity: the embedded issuer is off and no external authority (AIOps:Identity:External:Authority) is set, so nobody could call the API.");
        }

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(catalog);
        services.AddSingleton<MinimumRoleHandler>();
        services.AddSingleton<IAuthorizationHandler>(sp => sp.GetRequiredService<MinimumRoleHandler>());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthorization(AccessPolicies.Add);
        services.AddAntiforgery(o => o.Cookie.Name = "aiops.antiforgery");

        services.AddSingleton(IngestionSources.Build(builder.Configuration, durable));
        services.TryAddSingleton(TimeProvider.System);
        var authentication = services.AddAuthentication(BearerScheme)
            .AddPolicyScheme(BearerScheme, "AIOps bearer token", o => o.ForwardDefaultSelector = http => SelectScheme(http, settings))
            .AddScheme<AuthenticationSchemeOptions, IngestionAuthenticationHandler>(IngestionAuthenticationHandler.SchemeName, null)
            .AddCookie(LoginScheme, o =>
            {
                o.Cookie.Name = "aiops.login";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = LoginEndpoints.LoginPath;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
            });

        if (settings.External is { Authority: not null } external)
        {
            authentication.AddJwtBearer(ExternalScheme, o => ExternalAuthority.Configure(o, external));
        }

        if (settings.EmbeddedIssuer)
        {
            AddIssuer(services, settings, durable);
        }

        return builder;
    }

    /// <summary>Adds authentication and authorization to the pipeline and maps the issuer's endpoints.</summary>
    public static WebApplication UseAIOpsIdentity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Alert sources' posts are authenticated by their endpoints' policy (the source's token, see
        // IngestionAuthenticationHandler), never by a user token: they skip the default scheme and the issuer's request
        // handlers, which would otherwise run on every request of an alert storm. WebApplication adds authentication at
        // the top of the pipeline unless the root builder is marked as having it (a branch's mark does not reach the root).
        app.UseWhen(http => !IsSourcePost(http), branch => branch.UseAuthentication());
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        app.UseAuthorization();
        if (app.Services.GetRequiredService<IdentitySettings>().EmbeddedIssuer)
        {
            app.MapTokenEndpoint();
            app.MapLoginEndpoints();
        }

        return app;
    }

    private static void AddIssuer(IServiceCollection services, IdentitySettings settings, bool durable)
    {
        var database = "aiops-identity-" + Guid.NewGuid().ToString("N");
        services.AddDbContext<IdentityStoreContext>(o =>
        {
            o.UseInMemoryDatabase(database);
            o.UseOpenIddict();
        });

        var keys = new IdentityKeyRingSource();
        services.AddSingleton(keys);
        if (durable)
        {
            // After the schema service (registered before), before the web server takes requests.
            services.AddHostedService(sp => new IdentityKeyLoader(keys, sp.GetRequiredService<NpgsqlDataSource>, sp.GetRequiredService<IDataProtectionProvider>()));
        }
        else
        {
            keys.Set(IdentityKeyRing.Ephemeral());
        }

        services.AddHostedService<IdentityClientSeeder>();
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityStoreContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetEndSessionEndpointUris("connect/logout");
                o.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, ApiScope);
                o.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                if (settings.Issuer is not null)
                {
                    o.SetIssuer(settings.Issuer);
                }

                // Access tokens are plain signed JWTs so any resource server (or an SRE with jwt.io) can read them.
                o.DisableAccessTokenEncryption();

                // Codes and refresh tokens are self-contained (encrypted with the cluster's key): nothing to store.
                o.DisableTokenStorage();
                o.DisableAuthorizationStorage();
                o.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                o.AddAudiences(ApiAudience);
            });
        services.AddOptions<OpenIddictServerOptions>().Configure<IdentityKeyRingSource>((o, source) =>
        {
            var ring = source.Ring;
            o.SigningCredentials.Add(new Microsoft.IdentityModel.Tokens.SigningCredentials(ring.SigningKey, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256));
            o.EncryptionCredentials.Add(new Microsoft.IdentityModel.Tokens.EncryptingCredentials(
                ring.EncryptionKey, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.Aes256KW, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.Aes256CbcHmacSha512));
        });
    }

    // The mark UseAuthentication leaves in IApplicationBuilder.Properties (not a public constant in ASP.NET Core).
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    private static bool IsSourcePost(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && Ingestion.IngestionCountersMiddleware.SourceOf(http.Request.Path) is not null;

    private static string SelectScheme(HttpContext http, IdentitySettings settings)
    {
        const string validation = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        if (settings.External?.Authority is not { } authority)
        {
            return validation;
        }

        if (!settings.EmbeddedIssuer)
        {
            return ExternalScheme;
        }

        var token = BearerToken(http);
        var handler = new JsonWebTokenHandler();
        return token is not null && handler.CanReadToken(token) && ExternalAuthority.SameIssuer(handler.ReadJsonWebToken(token).Issuer, authority)
            ? ExternalScheme
            : validation;
    }

    /// <summary>The bearer token from the Authorization header, or from <c>access_token</c> in the query (WebSockets cannot send headers).</summary>
    internal static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return http.Request.Query.TryGetValue("access_token", out var query) && query.Count == 1 ? query[0] : null;
    }
}

/// <summary>The OpenIddict application store (clients only; tokens are self-contained). Seeded from configuration at start.</summary>
/// <param name="options">EF Core options.</param>
public sealed class IdentityStoreContext(DbContextOptions<IdentityStoreContext> options) : DbContext(options);
