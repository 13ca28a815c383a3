using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AIOps.Silo.Identity;

/// <summary>
/// <c>POST /connect/token</c>. OpenIddict parses the request and authenticates the client; this decides what the
/// token says: the client's or user's roles and teams, for the AIOps API.
/// </summary>
internal static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/connect/token", ExchangeAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> ExchangeAsync(HttpContext http, IdentityCatalog catalog)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict request is missing; is the issuer's middleware running?");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already checked the client's secret against the store.
            var client = catalog.FindClient(request.ClientId);
            if (client is null)
            {
                return Refuse(Errors.InvalidClient, "The client is not known.");
            }

            var identity = NewIdentity(client.ClientId, client.DisplayName ?? client.ClientId, client.Roles, client.Teams);
            identity.SetScopes(request.GetScopes());
            return SignIn(identity);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = catalog.FindUser(result.Principal?.GetClaim(Claims.Subject));
            if (user is null)
            {
                return Refuse(Errors.InvalidGrant, "The user no longer exists.");
            }

            // Roles and teams come from the current configuration, so a change applies at the next refresh.
            var identity = NewIdentity(user.UserName, user.DisplayName ?? user.UserName, user.Roles, user.Teams);
            identity.SetScopes(result.Principal!.GetScopes());
            return SignIn(identity);
        }

        return Refuse(Errors.UnsupportedGrantType, "Supported grants: client_credentials, authorization_code (with PKCE), refresh_token.");
    }

    /// <summary>The claims every AIOps token carries.</summary>
    internal static ClaimsIdentity NewIdentity(string subject, string name, IEnumerable<string> roles, IEnumerable<string> teams)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject)
            .SetClaim(Claims.Name, name)
            .SetClaim(Claims.PreferredUsername, subject)
            .SetClaims(Caller.RoleClaim, [.. roles])
            .SetClaims(Caller.TeamClaim, [.. teams]);
        identity.SetResources(IdentityHostingExtensions.ApiAudience);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.PreferredUsername or Caller.RoleClaim or Caller.TeamClaim => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }

    private static IResult SignIn(ClaimsIdentity identity) =>
        Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
