using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AIOps.Silo.Identity;

/// <summary>
/// Puts the configured clients and the dashboard's public client into the issuer's store at start. The store is
/// in memory: clients are configuration, so every silo builds the same one and nothing needs migrating.
/// </summary>
internal sealed class IdentityClientSeeder(IServiceProvider services, IdentityCatalog catalog, IdentitySettings settings, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in catalog.Clients)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = client.ClientId,
                ClientSecret = client.ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = client.DisplayName ?? client.ClientId,
                Permissions =
                {
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.ClientCredentials,
                    Permissions.Prefixes.Scope + IdentityHostingExtensions.ApiScope,
                },
            };
            await manager.CreateAsync(descriptor, cancellationToken);
        }

        var dashboard = new OpenIddictApplicationDescriptor
        {
            ClientId = IdentityCatalog.DashboardClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "AIOps dashboard",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + IdentityHostingExtensions.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var origin in DashboardOrigins())
        {
            // The dashboard comes back to /callback after login and to its own root after logout.
            dashboard.RedirectUris.Add(new Uri(origin, "/callback"));
            dashboard.PostLogoutRedirectUris.Add(new Uri(origin, "/"));
        }

        await manager.CreateAsync(dashboard, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The origins the dashboard is served from: those of the configured redirect URIs and, with the development
    /// accounts, the addresses the silo listens on (a wildcard host stands for localhost and 127.0.0.1) and Vite's
    /// development server.
    /// </summary>
    private IEnumerable<Uri> DashboardOrigins()
    {
        var origins = settings.DashboardRedirectUris.Select(OriginOf);
        if (catalog.DevAccounts)
        {
            origins = origins
                .Concat(ListenOrigins(configuration["urls"] ?? "http://localhost:5080"))
                .Append(new Uri("http://localhost:5173"));
        }

        return origins.Distinct();
    }

    internal static IEnumerable<Uri> ListenOrigins(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel accepts "*" and "+" as hosts, which Uri does not parse.
            var parsable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri))
            {
                continue;
            }

            if (uri.Host is "0.0.0.0" or "[::]" or "::")
            {
                yield return OriginOf(new UriBuilder(uri) { Host = "localhost" }.Uri);
                yield return OriginOf(new UriBuilder(uri) { Host = "127.0.0.1" }.Uri);
            }
            else
            {
                yield return OriginOf(uri);
            }
        }
    }

    private static Uri OriginOf(Uri uri) => new(uri.GetLeftPart(UriPartial.Authority));
}
