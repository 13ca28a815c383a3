namespace AIOps.Grains.Credentials;

/// <summary>
/// Cloud and tool credentials, encrypted at rest with Data Protection. Management (create, rotate, delete) is audited;
/// <see cref="GetSecretAsync"/> is for agents in this process and is never exposed over HTTP.
/// </summary>
public interface ICredentialVault
{
    /// <summary>
    /// Stores a new credential as version 1. <see cref="Abstractions.ValidationException"/> naming the field for bad
    /// input, <see cref="Abstractions.ConflictException"/> when the name is taken.
    /// </summary>
    Task<CredentialMetadata> CreateAsync(string name, NewCredential credential, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the secret by a new version of the same kind; the previous one is not kept.
    /// <see cref="Abstractions.NotFoundException"/> when absent, <see cref="Abstractions.ConflictException"/> when
    /// rotated concurrently by someone else.
    /// </summary>
    Task<CredentialMetadata> RotateAsync(string name, CredentialRotation rotation, string actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes the credential and its secret; <see cref="Abstractions.NotFoundException"/> when absent.</summary>
    Task DeleteAsync(string name, string actor, CancellationToken cancellationToken = default);

    /// <summary>The metadata of one credential; <see cref="Abstractions.NotFoundException"/> when absent.</summary>
    Task<CredentialMetadata> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Metadata of every credential, or of one team's, by name.</summary>
    Task<IReadOnlyList<CredentialMetadata>> ListAsync(string? team = null, CancellationToken cancellationToken = default);

    /// <summary>The decrypted current version, for use in this process; <see cref="Abstractions.NotFoundException"/> when absent.</summary>
    Task<CredentialSecret> GetSecretAsync(string name, CancellationToken cancellationToken = default);
}
