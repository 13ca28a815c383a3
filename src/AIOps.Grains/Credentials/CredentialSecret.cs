namespace AIOps.Grains.Credentials;

/// <summary>
/// A decrypted credential, for use inside the process only (<see cref="ICredentialVault.GetSecretAsync"/>). The values
/// are reachable through the indexer and <see cref="TryGetValue"/> only, so neither <see cref="ToString"/> nor a JSON
/// serializer shows them.
/// </summary>
public sealed class CredentialSecret
{
    private readonly IReadOnlyDictionary<string, string> _fields;

    /// <summary>Creates the secret of version <paramref name="version"/> of credential <paramref name="name"/>.</summary>
    public CredentialSecret(string name, CredentialKind kind, int version, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Name = name;
        Kind = kind;
        Version = version;
        _fields = fields;
    }

    /// <summary>The credential's name.</summary>
    public string Name { get; }

    /// <summary>What it is.</summary>
    public CredentialKind Kind { get; }

    /// <summary>The version these values belong to (1 when created, +1 per rotation).</summary>
    public int Version { get; }

    /// <summary>The names of the fields present.</summary>
    public IReadOnlyCollection<string> FieldNames => [.. _fields.Keys];

    /// <summary>The value of <paramref name="field"/>; <see cref="KeyNotFoundException"/> (naming the field only) when absent.</summary>
    public string this[string field] =>
        _fields.TryGetValue(field, out var value) ? value : throw new KeyNotFoundException($"Credential '{Name}' has no field '{field}'.");

    /// <summary>The value of <paramref name="field"/> if present.</summary>
    public bool TryGetValue(string field, out string? value) => _fields.TryGetValue(field, out value);

    /// <inheritdoc />
    public override string ToString() =>
        $"CredentialSecret {{ Name = {Name}, Kind = {Kind}, Version = {Version}, Fields = [{string.Join(", ", _fields.Keys)}] (values redacted) }}";
}
