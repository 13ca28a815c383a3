using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace AIOps.Silo.Identity;

/// <summary>
/// Accepts access tokens of an external OpenID Connect authority (Entra ID, Okta, Keycloak...): keys from its
/// discovery document, issuer and audience checked, and its role or group claim mapped to AIOps roles.
/// </summary>
internal static class ExternalAuthority
{
    public static void Configure(JwtBearerOptions options, ExternalAuthoritySettings settings)
    {
        options.Authority = settings.Authority!.ToString();
        options.Audience = settings.Audience;
        options.MetadataAddress = settings.MetadataAddress?.ToString() ?? "";
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidateAudience = settings.Audience is not null;
        options.TokenValidationParameters.NameClaimType = "preferred_username";
        options.TokenValidationParameters.RoleClaimType = Caller.RoleClaim;
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                context.Token ??= IdentityHostingExtensions.BearerToken(context.HttpContext);
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (context.Principal is { } principal)
                {
                    principal.AddIdentity(MapClaims(principal, settings));
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The authority's roles or groups as AIOps <c>role</c> claims, and its team claim as <c>team</c> claims.</summary>
    public static ClaimsIdentity MapClaims(ClaimsPrincipal principal, ExternalAuthoritySettings settings)
    {
        var mapped = new ClaimsIdentity("aiops-mapped");
        var roles = principal.FindAll(settings.RoleClaim)
            .Select(c => settings.RoleMap.TryGetValue(c.Value, out var role) ? role : c.Value)
            .Where(Caller.RoleOrder.Contains)
            .Distinct(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            mapped.AddClaim(new Claim(Caller.RoleClaim, role));
        }

        if (settings.TeamClaim != Caller.TeamClaim)
        {
            foreach (var team in principal.FindAll(settings.TeamClaim))
            {
                mapped.AddClaim(new Claim(Caller.TeamClaim, team.Value));
            }
        }

        return mapped;
    }

    /// <summary>Issuer comparison that ignores a trailing slash, which authorities are inconsistent about.</summary>
    public static bool SameIssuer(string? issuer, Uri authority) =>
        issuer is not null && string.Equals(issuer.TrimEnd('/'), authority.ToString().TrimEnd('/'), StringComparison.Ordinal);
}
