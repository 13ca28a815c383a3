namespace AIOps.Grains.Credentials;

/// <summary>The embedded-mode store: rows (payloads still encrypted) in process memory, gone with it.</summary>
public sealed class InMemoryCredentialStore : ICredentialStore
{
    private readonly Dictionary<string, CredentialRow> _rows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<bool> TryInsertAsync(CredentialRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (_lock)
        {
            return Task.FromResult(_rows.TryAdd(row.Metadata.Name, row));
        }
    }

    /// <inheritdoc />
    public Task<bool> TryReplaceAsync(CredentialRow row, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (_lock)
        {
            if (!_rows.TryGetValue(row.Metadata.Name, out var current) || current.Metadata.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _rows[row.Metadata.Name] = row;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.Remove(name));
        }
    }

    /// <inheritdoc />
    public Task<CredentialRow?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.GetValueOrDefault(name));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CredentialMetadata>> ListAsync(string? team, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CredentialMetadata>>(_rows.Values
                .Select(r => r.Metadata)
                .Where(m => team is null || m.Team == team)
                .OrderBy(m => m.Name, StringComparer.Ordinal)
                .ToArray());
        }
    }
}
