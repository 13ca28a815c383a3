using System.Text.Json.Serialization;

namespace AIOps.Grains.Credentials;

/// <summary>
/// A credential to store (body of <c>PUT /api/credentials/{name}</c>). Holds secrets: <see cref="ToString"/> names the
/// fields only, so logging or formatting one never shows a value.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class NewCredential
{
    /// <summary>What it is; decides which <see cref="Fields"/> are required.</summary>
    public CredentialKind? Kind { get; init; }

    /// <summary>The team that owns it, if any (same rules as a credential name).</summary>
    public string? Team { get; init; }

    /// <summary>What it is used for, for people; not secret.</summary>
    public string? Description { get; init; }

    /// <summary>Field name → value, secret and non-secret alike (see <see cref="CredentialSchema"/>).</summary>
    public IReadOnlyDictionary<string, string>? Fields { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"NewCredential {{ Kind = {Kind}, Team = {Team}, Fields = [{string.Join(", ", Fields?.Keys ?? [])}] (values redacted) }}";
}
