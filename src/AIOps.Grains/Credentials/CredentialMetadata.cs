namespace AIOps.Grains.Credentials;

/// <summary>What may be shown about a credential: everything but its secret.</summary>
/// <param name="Name">Unique name, <c>[a-z0-9][a-z0-9-_.]{0,62}</c>.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Team">The owning team, if any.</param>
/// <param name="Description">What it is for, if given.</param>
/// <param name="Attributes">Non-secret fields (region, tenant id, hostname) and masked ones (access key id as <c>****ABCD</c>).</param>
/// <param name="SecretFields">Names of the fields stored encrypted and never shown.</param>
/// <param name="Version">1 when created, +1 per rotation.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="RotatedAt">When the secret was last replaced, if ever.</param>
/// <param name="RotatedBy">Who last replaced it, if anyone.</param>
public sealed record CredentialMetadata(
    string Name,
    CredentialKind Kind,
    string? Team,
    string? Description,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> SecretFields,
    int Version,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RotatedAt,
    string? RotatedBy);
