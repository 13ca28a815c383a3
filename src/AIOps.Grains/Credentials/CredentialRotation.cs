using System.Text.Json.Serialization;

namespace AIOps.Grains.Credentials;

/// <summary>
/// The new secret of a credential (body of <c>POST /api/credentials/{name}/rotate</c>): every field of its kind again,
/// as for creating it. Holds secrets: <see cref="ToString"/> names the fields only.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class CredentialRotation
{
    /// <summary>Field name → value for the new version.</summary>
    public IReadOnlyDictionary<string, string>? Fields { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"CredentialRotation {{ Fields = [{string.Join(", ", Fields?.Keys ?? [])}] (values redacted) }}";
}
