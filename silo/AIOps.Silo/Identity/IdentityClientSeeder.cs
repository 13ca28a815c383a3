using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AIOps.Silo.Identity;

/// <summary>
/// Puts the configured clients and the dashboard's public client into the issuer's store at start. The store is
/// in memory: clients are configuration, so every silo builds the same one and nothing needs migrating.
/// </summary>
internal sealed class IdentityClientSeeder(IServiceProvider services, IdentityCatalog catalog, IdentitySettings settings) : IHostedService
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
        foreach (var uri in DashboardRedirects(settings))
        {
            dashboard.RedirectUris.Add(uri);
            dashboard.PostLogoutRedirectUris.Add(uri);
        }

        await manager.CreateAsync(dashboard, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Configured redirect URIs; in development, the dashboard served by the silo and Vite's dev server.</summary>
    private IEnumerable<Uri> DashboardRedirects(IdentitySettings settings) => catalog.DevAccounts
        ? settings.DashboardRedirectUris.Union([new Uri("http://localhost:5080/callback"), new Uri("http://127.0.0.1:5080/callback"), new Uri("http://localhost:5173/callback")])
        : settings.DashboardRedirectUris;
}
