using System.Collections.Immutable;
using System.Security.Cryptography;
using AIOps.Abstractions;
using AIOps.Abstractions.Audit;
using AIOps.Grains.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace AIOps.Grains.Credentials;

/// <summary>
/// The vault over a <see cref="ICredentialStore"/>: validates, encrypts with Data Protection before anything reaches
/// the store, and audits every change (never with a value). The same code runs in both hosting modes; only the store
/// differs.
/// </summary>
public sealed partial class CredentialVault(
    ICredentialStore store,
    IDataProtectionProvider dataProtection,
    IAuditLog audit,
    TimeProvider timeProvider,
    ILogger<CredentialVault> logger) : ICredentialVault
{
    private const string Entity = "credential";

    /// <summary>The audit trail's resource id of credential <paramref name="name"/>, e.g. <c>credential:aws-prod</c>.</summary>
    public static string AuditResourceId(string name) => $"{Entity}:{name}";

    /// <inheritdoc />
    public async Task<CredentialMetadata> CreateAsync(string name, NewCredential credential, string actor, CancellationToken cancellationToken = default)
    {
        CredentialValidation.ValidateName(name);
        CredentialValidation.ValidateActor(actor);
        var (kind, fields) = CredentialValidation.Validate(credential);
        var metadata = new CredentialMetadata(
            name, kind, credential.Team, string.IsNullOrWhiteSpace(credential.Description) ? null : credential.Description,
            CredentialSchema.Attributes(kind, fields), CredentialSchema.SecretFieldNames(kind, fields), 1, Now(), actor, null, null);
        var row = new CredentialRow(metadata, CredentialPayload.Protect(dataProtection, name, kind, fields));
        if (!await store.TryInsertAsync(row, cancellationToken))
        {
            throw new ConflictException($"Credential '{name}' exists already: rotate it to change its secret, or delete it first.");
        }

        await AuditAsync(AuditActions.CredentialCreated, actor, metadata, cancellationToken);
        LogCreated(logger, name, CredentialValidation.WireName(kind), actor);
        return metadata;
    }

    /// <inheritdoc />
    public async Task<CredentialMetadata> RotateAsync(string name, CredentialRotation rotation, string actor, CancellationToken cancellationToken = default)
    {
        CredentialValidation.ValidateName(name);
        CredentialValidation.ValidateActor(actor);
        var current = await store.FindAsync(name, cancellationToken) ?? throw new NotFoundException(Entity, name);
        var kind = current.Metadata.Kind;
        var fields = CredentialValidation.Validate(kind, rotation);
        var metadata = current.Metadata with
        {
            Attributes = CredentialSchema.Attributes(kind, fields),
            SecretFields = CredentialSchema.SecretFieldNames(kind, fields),
            Version = current.Metadata.Version + 1,
            RotatedAt = Now(),
            RotatedBy = actor,
        };
        var row = new CredentialRow(metadata, CredentialPayload.Protect(dataProtection, name, kind, fields));
        if (!await store.TryReplaceAsync(row, current.Metadata.Version, cancellationToken))
        {
            _ = await store.FindAsync(name, cancellationToken) ?? throw new NotFoundException(Entity, name);
            throw new ConflictException($"Credential '{name}' was rotated by someone else meanwhile; read it again and retry.");
        }

        await AuditAsync(AuditActions.CredentialRotated, actor, metadata, cancellationToken, ("previousVersion", current.Metadata.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        LogRotated(logger, name, metadata.Version, actor);
        return metadata;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string name, string actor, CancellationToken cancellationToken = default)
    {
        CredentialValidation.ValidateName(name);
        CredentialValidation.ValidateActor(actor);
        var current = await store.FindAsync(name, cancellationToken) ?? throw new NotFoundException(Entity, name);
        if (!await store.TryDeleteAsync(name, cancellationToken))
        {
            throw new NotFoundException(Entity, name);
        }

        await AuditAsync(AuditActions.CredentialDeleted, actor, current.Metadata, cancellationToken);
        LogDeleted(logger, name, actor);
    }

    /// <inheritdoc />
    public async Task<CredentialMetadata> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        CredentialValidation.ValidateName(name);
        var row = await store.FindAsync(name, cancellationToken) ?? throw new NotFoundException(Entity, name);
        return row.Metadata;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CredentialMetadata>> ListAsync(string? team = null, CancellationToken cancellationToken = default)
    {
        if (team is not null)
        {
            CredentialValidation.ValidateName(team, "team");
        }

        return store.ListAsync(team, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CredentialSecret> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        CredentialValidation.ValidateName(name);
        var row = await store.FindAsync(name, cancellationToken) ?? throw new NotFoundException(Entity, name);
        try
        {
            var (kind, fields) = CredentialPayload.Unprotect(dataProtection, name, row.Payload);
            if (kind != row.Metadata.Kind)
            {
                throw new CryptographicException($"The payload of credential '{name}' is of another kind than its row.");
            }

            LogDecrypted(logger, name, row.Metadata.Version);
            return new CredentialSecret(name, kind, row.Metadata.Version, fields);
        }
        catch (CryptographicException e)
        {
            // Data Protection's messages name keys and purposes, never plaintext; kept as the inner exception.
            throw new InvalidOperationException(
                $"Credential '{name}' cannot be decrypted: its Data Protection key is not in this silo's key ring, or the row was altered. " +
                "Check that every silo shares the key ring (durable mode) and the same AIOps:DataProtection settings.", e);
        }
    }

    private Task AuditAsync(string action, string actor, CredentialMetadata metadata, CancellationToken cancellationToken, params (string Key, string Value)[] extra)
    {
        var details = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        details["name"] = metadata.Name;
        details["kind"] = CredentialValidation.WireName(metadata.Kind);
        details["version"] = metadata.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (metadata.Team is not null)
        {
            details["team"] = metadata.Team;
        }

        foreach (var (key, value) in extra)
        {
            details[key] = value;
        }

        return audit.AppendAsync(
            new AuditRecord(actor, action, AuditOutcomes.Succeeded, ResourceId: AuditResourceId(metadata.Name), Details: details.ToImmutable()),
            cancellationToken);
    }

    // PostgreSQL keeps microseconds; truncating here makes both stores return the same instants.
    private DateTimeOffset Now()
    {
        var now = timeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Credential {Name} ({Kind}) created by {Actor}")]
    private static partial void LogCreated(ILogger logger, string name, string kind, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Credential {Name} rotated to version {Version} by {Actor}")]
    private static partial void LogRotated(ILogger logger, string name, int version, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Credential {Name} deleted by {Actor}")]
    private static partial void LogDeleted(ILogger logger, string name, string actor);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Credential {Name} version {Version} decrypted for use in this process")]
    private static partial void LogDecrypted(ILogger logger, string name, int version);
}
