using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AIOps.Hosting;

/// <summary>
/// The Data Protection key ring in table <c>aiops_dataprotection_keys</c> (deploy/sql/040), shared by every silo.
/// Elements are only ever inserted, idempotently: silos starting together may each add a key, and Data Protection
/// reads both. Data Protection calls this synchronously, rarely (start, key creation, refresh), hence sync I/O.
/// </summary>
public sealed partial class PostgresXmlRepository(NpgsqlDataSource dataSource, ILogger<PostgresXmlRepository> logger) : IXmlRepository
{
    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM aiops_dataprotection_keys ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (string.IsNullOrEmpty(friendlyName))
        {
            friendlyName = "element-" + Guid.NewGuid().ToString("N");
        }

        using var command = dataSource.CreateCommand(
            "INSERT INTO aiops_dataprotection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
        LogStored(logger, friendlyName);
        if (element.Name == "key" && !element.Descendants().Any(e => e.Name.LocalName == "encryptedSecret"))
        {
            LogUnencrypted(logger, friendlyName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored data protection element {FriendlyName} in PostgreSQL")]
    private static partial void LogStored(ILogger logger, string friendlyName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data protection key {FriendlyName} is stored in PostgreSQL without encryption: anyone who can read aiops_dataprotection_keys can decrypt the credentials. Set AIOps:DataProtection:CertificatePath (and CertificatePassword) to encrypt the key ring.")]
    private static partial void LogUnencrypted(ILogger logger, string friendlyName);
}
