using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AIOps.Hosting;

/// <summary>ASP.NET Core Data Protection for the whole silo: one application name and one key ring per cluster.</summary>
public static class DataProtectionExtensions
{
    /// <summary>
    /// Adds Data Protection (<see cref="IDataProtectionProvider"/>) configured from <c>AIOps:DataProtection</c>
    /// (<see cref="AIOpsDataProtectionOptions"/>). Durable mode (a <paramref name="connectionString"/>): the key ring
    /// is in PostgreSQL, shared by every silo and kept across restarts. Embedded mode: in memory, or in
    /// <see cref="AIOpsDataProtectionOptions.KeysDirectory"/>. Keys are encrypted at rest when a certificate is
    /// configured. Calling it again changes nothing.
    /// </summary>
    public static IDataProtectionBuilder AddAIOpsDataProtection(this IServiceCollection services, IConfiguration configuration, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(AIOpsDataProtectionMarker)))
        {
            return services.AddDataProtection();
        }

        services.AddSingleton<AIOpsDataProtectionMarker>();
        var options = configuration.GetSection(AIOpsDataProtectionOptions.SectionName).Get<AIOpsDataProtectionOptions>() ?? new AIOpsDataProtectionOptions();
        if (string.IsNullOrWhiteSpace(options.ApplicationName))
        {
            throw new InvalidOperationException($"{AIOpsDataProtectionOptions.SectionName}:ApplicationName must not be empty.");
        }

        var builder = services.AddDataProtection().SetApplicationName(options.ApplicationName);
        var durable = !string.IsNullOrWhiteSpace(connectionString);
        if (durable)
        {
            services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString!));
            services.TryAddSingleton<PostgresXmlRepository>();
            services.AddOptions<KeyManagementOptions>().Configure<PostgresXmlRepository>((o, repository) => o.XmlRepository = repository);
        }
        else if (!string.IsNullOrWhiteSpace(options.KeysDirectory))
        {
            builder.PersistKeysToFileSystem(new DirectoryInfo(options.KeysDirectory));
        }
        else
        {
            services.TryAddSingleton<InMemoryXmlRepository>();
            services.AddOptions<KeyManagementOptions>().Configure<InMemoryXmlRepository>((o, repository) => o.XmlRepository = repository);
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var current = LoadCertificate("CertificatePath", options.CertificatePath, options.CertificatePassword);
            var previous = options.PreviousCertificatePaths
                .Select((path, i) => LoadCertificate($"PreviousCertificatePaths:{i}", path, options.CertificatePassword));
            builder.ProtectKeysWithCertificate(current);
            builder.UnprotectKeysWithAnyCertificate([current, .. previous]);
        }
        else if (!durable && string.IsNullOrWhiteSpace(options.KeysDirectory))
        {
            // Keys that never leave process memory need no encryption, and Data Protection would warn about each one.
            services.AddOptions<KeyManagementOptions>().Configure(o => o.XmlEncryptor ??= new NullXmlEncryptor());
        }

        return builder;
    }

    private static X509Certificate2 LoadCertificate(string key, string path, string? password)
    {
        var setting = $"{AIOpsDataProtectionOptions.SectionName}:{key}";
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting}: cannot load the PKCS#12 certificate '{path}' ({e.GetType().Name}); check the file and {AIOpsDataProtectionOptions.SectionName}:CertificatePassword.", e);
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            throw new InvalidOperationException($"{setting}: the certificate '{path}' must hold an RSA private key to encrypt and decrypt the key ring.");
        }

        return certificate;
    }

    private sealed class AIOpsDataProtectionMarker;
}
