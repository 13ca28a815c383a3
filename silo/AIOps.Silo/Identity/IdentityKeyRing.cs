using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace AIOps.Silo.Identity;

/// <summary>
/// The issuer's signing key (RSA) and encryption key (AES, for authorization codes and refresh tokens). Embedded mode
/// makes them per process. Durable mode keeps them in PostgreSQL, protected by Data Protection, so every silo signs
/// and reads tokens with the same keys: the first silo to start creates them, the others load them.
/// </summary>
public sealed class IdentityKeyRing
{
    private const string SigningPurpose = "signing-rsa";
    private const string EncryptionPurpose = "encryption-aes";

    private IdentityKeyRing(RsaSecurityKey signing, SymmetricSecurityKey encryption)
    {
        SigningKey = signing;
        EncryptionKey = encryption;
    }

    /// <summary>Signs access and identity tokens.</summary>
    public RsaSecurityKey SigningKey { get; }

    /// <summary>Encrypts authorization codes and refresh tokens.</summary>
    public SymmetricSecurityKey EncryptionKey { get; }

    /// <summary>Fresh keys held only by this process.</summary>
    public static IdentityKeyRing Ephemeral() => new(NewSigningKey(), NewEncryptionKey());

    /// <summary>Loads the cluster's keys, creating them when this is the first silo.</summary>
    public static async Task<IdentityKeyRing> LoadOrCreateAsync(NpgsqlDataSource dataSource, IDataProtectionProvider protection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(protection);
        var protector = protection.CreateProtector("AIOps.Identity.IssuerKeys");
        var signing = await LoadOrCreateAsync(dataSource, protector, SigningPurpose, () => ExportRsa(NewSigningKey()), cancellationToken);
        var encryption = await LoadOrCreateAsync(dataSource, protector, EncryptionPurpose, () => ExportAes(NewEncryptionKey()), cancellationToken);
        return new IdentityKeyRing(ImportRsa(signing), ImportAes(encryption));
    }

    private static async Task<string> LoadOrCreateAsync(NpgsqlDataSource dataSource, IDataProtector protector, string purpose, Func<string> create, CancellationToken cancellationToken)
    {
        // Insert-if-absent then read: when silos race, every one of them ends up with the row that won.
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO aiops_identity_keys (purpose, protected) VALUES ($1, $2) ON CONFLICT (purpose) DO NOTHING"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = purpose });
            insert.Parameters.Add(new NpgsqlParameter { Value = protector.Protect(create()) });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = dataSource.CreateCommand("SELECT protected FROM aiops_identity_keys WHERE purpose = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = purpose });
        var stored = (string?)await select.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Issuer key '{purpose}' vanished from aiops_identity_keys.");
        try
        {
            return protector.Unprotect(stored);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The issuer key '{purpose}' in aiops_identity_keys cannot be decrypted with this cluster's Data Protection keys (aiops_dataprotection_keys). Were they deleted or is the silo pointed at another cluster's database?", e);
        }
    }

    private static RsaSecurityKey NewSigningKey()
    {
        var rsa = RSA.Create(2048);
        return new RsaSecurityKey(rsa) { KeyId = KeyId(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())) };
    }

    // The key id is random, not derived from the secret key: it travels in token headers.
    private static SymmetricSecurityKey NewEncryptionKey() =>
        new(RandomNumberGenerator.GetBytes(32)) { KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) };

    private static string ExportAes(SymmetricSecurityKey key) =>
        JsonSerializer.Serialize(new StoredKey(Convert.ToBase64String(key.Key), key.KeyId));

    private static SymmetricSecurityKey ImportAes(string stored)
    {
        var parsed = JsonSerializer.Deserialize<StoredKey>(stored) ?? throw new InvalidOperationException("Stored encryption key is empty.");
        return new SymmetricSecurityKey(Convert.FromBase64String(parsed.Key)) { KeyId = parsed.KeyId };
    }

    private static string ExportRsa(RsaSecurityKey key) =>
        JsonSerializer.Serialize(new StoredKey(Convert.ToBase64String(key.Rsa.ExportRSAPrivateKey()), key.KeyId));

    private static RsaSecurityKey ImportRsa(string stored)
    {
        var parsed = JsonSerializer.Deserialize<StoredKey>(stored) ?? throw new InvalidOperationException("Stored signing key is empty.");
        var rsa = RSA.Create();
        rsa.ImportRSAPrivateKey(Convert.FromBase64String(parsed.Key), out _);
        return new RsaSecurityKey(rsa) { KeyId = parsed.KeyId };
    }

    private static string KeyId(string material) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(material)))[..16];

    private sealed record StoredKey(string Key, string KeyId);
}
