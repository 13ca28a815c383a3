using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AIOps.Grains.Tests.Credentials;
using AIOps.Testing;
using Microsoft.AspNetCore.DataProtection;

namespace AIOps.Grains.Tests.Durable;

[Collection(PostgresCollection.Name)]
public sealed class DataProtectionKeyRingTests(PostgresFixture postgres) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aiops-dp-").FullName;

    [Fact]
    public async Task TheKeyRingIsPersistedInPostgresAndAFreshProviderDecryptsWhatTheFirstProtected()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        string protectedText;
        await using (var first = VaultHost.Start(db))
        {
            protectedText = first.DataProtection.CreateProtector("test").Protect("signing key material");
        }

        var keys = await CredentialVaultDurableTests.DumpAsync(db, "aiops_dataprotection_keys");
        Assert.Contains("<key id=", keys, StringComparison.Ordinal);
        await using var restarted = VaultHost.Start(db);
        Assert.Equal("signing key material", restarted.DataProtection.CreateProtector("test").Unprotect(protectedText));
        Assert.Equal("1", await CredentialVaultDurableTests.ScalarAsync(db, "SELECT count(*)::text FROM aiops_dataprotection_keys"));
    }

    [Fact]
    public async Task SilosThatStartTogetherAndEachCreateAKeyReadEachOthersData()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        var silos = Enumerable.Range(0, 3).Select(_ => VaultHost.Start(db)).ToArray();
        try
        {
            var protectedBy = await Task.WhenAll(silos.Select((s, i) => Task.Run(() => s.DataProtection.CreateProtector("test").Protect($"from silo {i}"))));
            for (var reader = 0; reader < silos.Length; reader++)
            {
                for (var writer = 0; writer < silos.Length; writer++)
                {
                    Assert.Equal($"from silo {writer}", silos[reader].DataProtection.CreateProtector("test").Unprotect(protectedBy[writer]));
                }
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AnotherApplicationNameCannotReadTheData()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        await using var aiops = VaultHost.Start(db);
        await using var other = VaultHost.Start(db, new Dictionary<string, string?> { ["AIOps:DataProtection:ApplicationName"] = "SomethingElse" });
        var protectedText = aiops.DataProtection.CreateProtector("test").Protect("secret");
        Assert.ThrowsAny<CryptographicException>(() => other.DataProtection.CreateProtector("test").Unprotect(protectedText));
    }

    [Fact]
    public async Task WithACertificateConfiguredTheStoredKeysAreEncryptedAndOnlyAHolderOfTheCertificateDecrypts()
    {
        var db = await postgres.CreateMigratedDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["AIOps:DataProtection:CertificatePath"] = CreateCertificate("current.pfx", "pfx-pass"),
            ["AIOps:DataProtection:CertificatePassword"] = "pfx-pass",
        };
        string protectedText;
        await using (var first = VaultHost.Start(db, settings))
        {
            protectedText = first.DataProtection.CreateProtector("test").Protect("secret");
            await first.Vault.CreateAsync("aws-prod", Samples.Aws(), "alice");
        }

        var keys = await CredentialVaultDurableTests.DumpAsync(db, "aiops_dataprotection_keys");
        Assert.Contains("encryptedSecret", keys, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", keys, StringComparison.Ordinal);

        await using (var restarted = VaultHost.Start(db, settings))
        {
            Assert.Equal("secret", restarted.DataProtection.CreateProtector("test").Unprotect(protectedText));
            Assert.Equal(Samples.SecretAccessKey, (await restarted.Vault.GetSecretAsync("aws-prod"))["secretAccessKey"]);
        }

        await using var withoutCertificate = VaultHost.Start(db);
        Assert.ThrowsAny<Exception>(() => withoutCertificate.DataProtection.CreateProtector("test").Unprotect(protectedText));
        await Assert.ThrowsAsync<InvalidOperationException>(() => withoutCertificate.Vault.GetSecretAsync("aws-prod"));

        // After the certificate is replaced, keys encrypted to the old one stay readable while it is listed as previous.
        var replaced = new Dictionary<string, string?>(settings)
        {
            ["AIOps:DataProtection:CertificatePath"] = CreateCertificate("next.pfx", "pfx-pass"),
            ["AIOps:DataProtection:PreviousCertificatePaths:0"] = settings["AIOps:DataProtection:CertificatePath"],
        };
        await using var afterReplacement = VaultHost.Start(db, replaced);
        Assert.Equal("secret", afterReplacement.DataProtection.CreateProtector("test").Unprotect(protectedText));
    }

    [Fact]
    public void AnUnreadableCertificateStopsStartWithAMessageNamingTheSetting()
    {
        File.WriteAllText(Path.Combine(_folder, "broken.pfx"), "not a certificate");
        var failure = Assert.Throws<InvalidOperationException>(() => VaultHost.Start(null, new Dictionary<string, string?>
        {
            ["AIOps:DataProtection:CertificatePath"] = Path.Combine(_folder, "broken.pfx"),
        }));
        Assert.Contains("AIOps:DataProtection:CertificatePath", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InEmbeddedModeAKeysDirectoryKeepsTheKeyRingAcrossRestarts()
    {
        var settings = new Dictionary<string, string?> { ["AIOps:DataProtection:KeysDirectory"] = Path.Combine(_folder, "keys") };
        string protectedText;
        await using (var first = VaultHost.Start(null, settings))
        {
            protectedText = first.DataProtection.CreateProtector("test").Protect("secret");
        }

        await using var restarted = VaultHost.Start(null, settings);
        Assert.Equal("secret", restarted.DataProtection.CreateProtector("test").Unprotect(protectedText));
        await using var inMemory = VaultHost.Start();
        Assert.ThrowsAny<CryptographicException>(() => inMemory.DataProtection.CreateProtector("test").Unprotect(protectedText));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string CreateCertificate(string fileName, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=AIOps Data Protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, fileName);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
