using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace AIOps.Grains.Credentials;

/// <summary>
/// The encrypted form of a credential's fields: <c>{"kind": ..., "fields": {...}}</c> as UTF-8 JSON, protected by Data
/// Protection under <see cref="Purpose"/> and the credential's name. The name in the purpose binds a payload to its
/// row: copied onto another credential it does not decrypt.
/// </summary>
public static class CredentialPayload
{
    /// <summary>The Data Protection purpose; changing it makes every stored credential unreadable.</summary>
    public const string Purpose = "AIOps.Credentials.v1";

    /// <summary>Encrypts <paramref name="fields"/> of credential <paramref name="name"/>.</summary>
    public static byte[] Protect(IDataProtectionProvider provider, string name, CredentialKind kind, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(fields);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", CredentialValidation.WireName(kind));
            writer.WriteStartObject("fields");
            foreach (var (key, value) in fields)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var plaintext = buffer.WrittenSpan.ToArray();
        try
        {
            return provider.CreateProtector(Purpose, name).Protect(plaintext);
        }
        finally
        {
            // Best effort: the strings stay in memory until collected, but no extra copy of the JSON lingers.
            CryptographicOperations.ZeroMemory(plaintext);
            buffer.Clear();
        }
    }

    /// <summary>Decrypts the payload of credential <paramref name="name"/>; <see cref="CryptographicException"/> when it cannot.</summary>
    public static (CredentialKind Kind, IReadOnlyDictionary<string, string> Fields) Unprotect(IDataProtectionProvider provider, string name, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var plaintext = provider.CreateProtector(Purpose, name).Unprotect(payload);
        try
        {
            using var document = JsonDocument.Parse(plaintext);
            var root = document.RootElement;
            var kind = CredentialValidation.ParseWireName(root.GetProperty("kind").GetString())
                ?? throw new CryptographicException($"The payload of credential '{name}' names an unknown kind.");

            var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.GetProperty("fields").EnumerateObject())
            {
                fields[property.Name] = property.Value.GetString() ?? "";
            }

            return (kind, fields);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
