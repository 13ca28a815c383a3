namespace AIOps.Grains.Credentials;

/// <summary>A credential as a store keeps it: metadata in the clear, the secret fields as a Data Protection payload.</summary>
/// <param name="Metadata">Everything that may be shown.</param>
/// <param name="Payload">The encrypted secret (see <see cref="CredentialPayload"/>); empty in lists, which never need it.</param>
public sealed record CredentialRow(CredentialMetadata Metadata, byte[] Payload)
{
    /// <inheritdoc />
    public override string ToString() => $"CredentialRow {{ Metadata = {Metadata}, Payload = {Payload.Length} encrypted bytes }}";
}
