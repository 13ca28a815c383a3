namespace AIOps.Grains.Credentials;

/// <summary>Where the vault keeps its rows: PostgreSQL in durable mode, process memory in embedded mode. Never sees plaintext.</summary>
public interface ICredentialStore
{
    /// <summary>Adds <paramref name="row"/>; false when a credential of that name exists.</summary>
    Task<bool> TryInsertAsync(CredentialRow row, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the secret, attributes, version and rotation stamp of the credential named in <paramref name="row"/>
    /// if it is still at <paramref name="expectedVersion"/>; false otherwise (deleted, or rotated by someone else).
    /// </summary>
    Task<bool> TryReplaceAsync(CredentialRow row, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes the credential; false when there was none.</summary>
    Task<bool> TryDeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The row of <paramref name="name"/>, payload included, or null.</summary>
    Task<CredentialRow?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Metadata of every credential (of <paramref name="team"/> only, if given), by name.</summary>
    Task<IReadOnlyList<CredentialMetadata>> ListAsync(string? team, CancellationToken cancellationToken = default);
}
