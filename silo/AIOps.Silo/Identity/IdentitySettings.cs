namespace AIOps.Silo.Identity;

/// <summary>
/// Who may call the platform and how tokens are issued (section <c>AIOps:Identity</c>). The embedded issuer
/// (OpenIddict) runs in every silo unless turned off; an external OpenID Connect authority can be added beside it
/// or used alone.
/// </summary>
public sealed class IdentitySettings
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "AIOps:Identity";

    /// <summary>Run the embedded OAuth2/OIDC issuer (<c>/connect/token</c>, <c>/connect/authorize</c>) in this silo.</summary>
    public bool EmbeddedIssuer { get; set; } = true;

    /// <summary>
    /// Public base URL of the issuer, the same for every silo of a cluster (e.g. the load balancer's URL). When unset
    /// the issuer is the URL of the request, which only works for a single silo.
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>
    /// Seed the development-only clients (<c>dev-admin</c>, <c>dev-approver</c>, <c>dev-operator</c>, <c>dev-viewer</c>, secret
    /// equal to the id) and users. Defaults to on in embedded mode; a durable silo refuses to start with them.
    /// </summary>
    public bool? DevAccounts { get; set; }

    /// <summary>Confidential clients for automation (client-credentials grant).</summary>
    public List<ClientSettings> Clients { get; set; } = [];

    /// <summary>People who log in to the dashboard through the embedded issuer.</summary>
    public List<UserSettings> Users { get; set; } = [];

    /// <summary>
    /// Where the dashboard is served from beyond the silo itself (a proxy's address, say): its login comes back to
    /// /callback and its logout to / on each of these origins (authorization code with PKCE).
    /// </summary>
    public List<Uri> DashboardRedirectUris { get; set; } = [];

    /// <summary>How long an access token is valid.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An external OpenID Connect authority (Entra ID, Okta, Keycloak...) whose tokens are accepted too.</summary>
    public ExternalAuthoritySettings? External { get; set; }
}

/// <summary>A confidential client that gets tokens with the client-credentials grant.</summary>
public sealed class ClientSettings
{
    /// <summary>The client id.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The client secret (at least 16 characters outside the development accounts).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Name shown in the audit trail; the client id when unset.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Roles the client's tokens carry: viewer, operator, approver, admin.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Teams the client is limited to; none means every team.</summary>
    public List<string> Teams { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => $"client {ClientId}";
}

/// <summary>A person who logs in through the embedded issuer.</summary>
public sealed class UserSettings
{
    /// <summary>Login name, also the actor recorded in the audit trail.</summary>
    public string UserName { get; set; } = "";

    /// <summary>Plain password; only accepted in embedded mode, for development.</summary>
    public string? Password { get; set; }

    /// <summary>Password hash made by the <c>hash-password</c> command (ASP.NET Core Identity's format).</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Name shown in the dashboard.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Roles: viewer, operator, approver, admin.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Teams the user is limited to; none means every team.</summary>
    public List<string> Teams { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => $"user {UserName}";
}

/// <summary>An external OpenID Connect authority.</summary>
public sealed class ExternalAuthoritySettings
{
    /// <summary>The authority (issuer) URL; its discovery document gives the signing keys.</summary>
    public Uri? Authority { get; set; }

    /// <summary>Audience the tokens must be issued for.</summary>
    public string? Audience { get; set; }

    /// <summary>Discovery document URL when it is not under the authority.</summary>
    public Uri? MetadataAddress { get; set; }

    /// <summary>Require HTTPS for the discovery document (turn off only for a local test authority).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Claim holding roles or groups (<c>roles</c> for Entra ID app roles, <c>groups</c> for Okta).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim holding the caller's teams.</summary>
    public string TeamClaim { get; set; } = "team";

    /// <summary>Maps the authority's role or group values to AIOps roles; values that are AIOps role names map to themselves.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);
}
