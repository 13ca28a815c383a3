namespace AIOps.Hosting;

/// <summary>
/// Data Protection settings, section <c>AIOps:DataProtection</c>. The key ring lives in PostgreSQL in durable mode and
/// in memory in embedded mode (unless <see cref="KeysDirectory"/> is set).
/// </summary>
public sealed class AIOpsDataProtectionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "AIOps:DataProtection";

    /// <summary>
    /// Isolates this platform's protected data from other applications; every silo of a cluster must use the same
    /// name, and changing it makes everything protected so far unreadable.
    /// </summary>
    public string ApplicationName { get; set; } = "AIOps";

    /// <summary>
    /// A PKCS#12 (.pfx) file whose certificate encrypts the key ring at rest (RSA, with its private key). Without it
    /// the keys are stored as plain XML and whoever can read <c>aiops_dataprotection_keys</c> can decrypt every
    /// credential; set it in production.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>, if it has one (e.g. from a secret store, <c>AIOps__DataProtection__CertificatePassword</c>).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Earlier certificates (.pfx, same <see cref="CertificatePassword"/>) whose keys can still be read after the
    /// certificate was replaced; new keys are encrypted to <see cref="CertificatePath"/> only.
    /// </summary>
    public IList<string> PreviousCertificatePaths { get; } = [];

    /// <summary>Embedded mode only: keep the key ring in this folder instead of memory, so a restart can still decrypt.</summary>
    public string? KeysDirectory { get; set; }
}
