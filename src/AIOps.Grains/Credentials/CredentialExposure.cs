namespace AIOps.Grains.Credentials;

/// <summary>How much of a field's value the metadata (API, lists) may show.</summary>
public enum CredentialExposure
{
    /// <summary>Never shown; only stored encrypted.</summary>
    Secret,

    /// <summary>Shown as <c>****</c> and its last four characters (e.g. an AWS access key id); stored encrypted in full.</summary>
    Masked,

    /// <summary>Not secret (region, tenant id, hostname): shown as it is.</summary>
    Plain,
}
