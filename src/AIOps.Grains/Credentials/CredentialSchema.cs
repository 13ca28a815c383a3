using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace AIOps.Grains.Credentials;

/// <summary>The fields of each credential kind, and the non-secret view of a set of fields.</summary>
public static partial class CredentialSchema
{
    /// <summary>Longest secret value of an ordinary field (keys, tokens, client secrets).</summary>
    public const int MaxSecretLength = 8192;

    /// <summary>Longest kubeconfig, in characters; embedded certificates make them a few KiB each.</summary>
    public const int MaxKubeconfigLength = 60 * 1024;

    /// <summary>Most fields a <see cref="CredentialKind.Generic"/> credential may have.</summary>
    public const int MaxGenericFields = 32;

    private const string GuidHint = "must be a GUID, e.g. 00000000-0000-0000-0000-000000000000";

    private static readonly FrozenDictionary<CredentialKind, CredentialField[]> Fields = new Dictionary<CredentialKind, CredentialField[]>
    {
        [CredentialKind.AwsAccessKey] =
        [
            new("accessKeyId", true, CredentialExposure.Masked, 128, AwsAccessKeyId(), "must be 16 to 128 upper-case letters and digits"),
            new("secretAccessKey", true, CredentialExposure.Secret, MaxSecretLength),
            new("sessionToken", false, CredentialExposure.Secret, MaxSecretLength),
            new("region", false, CredentialExposure.Plain, 32, Region(), "must be an AWS region such as eu-west-1"),
        ],
        [CredentialKind.AzureServicePrincipal] =
        [
            new("tenantId", true, CredentialExposure.Plain, 253, TenantId(), "must be a tenant GUID or a domain such as contoso.onmicrosoft.com"),
            new("clientId", true, CredentialExposure.Plain, 36, Guid(), GuidHint),
            new("clientSecret", true, CredentialExposure.Secret, MaxSecretLength),
            new("subscriptionId", false, CredentialExposure.Plain, 36, Guid(), GuidHint),
        ],
        [CredentialKind.Kubeconfig] =
        [
            new("kubeconfig", true, CredentialExposure.Secret, MaxKubeconfigLength),
            new("context", false, CredentialExposure.Plain, 253, ContextName(), "must be a context name of the kubeconfig (no spaces)"),
        ],
        [CredentialKind.TerraformToken] =
        [
            new("hostname", true, CredentialExposure.Plain, 253, Hostname(), "must be a host name such as app.terraform.io"),
            new("token", true, CredentialExposure.Secret, MaxSecretLength),
        ],
    }.ToFrozenDictionary();

    /// <summary>The fields <paramref name="kind"/> accepts; empty for <see cref="CredentialKind.Generic"/>, which accepts any names.</summary>
    public static IReadOnlyList<CredentialField> For(CredentialKind kind) => Fields.TryGetValue(kind, out var fields) ? fields : [];

    /// <summary>The non-secret view: plain fields as they are, masked fields as <c>****</c> and their last four characters.</summary>
    public static IReadOnlyDictionary<string, string> Attributes(CredentialKind kind, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in For(kind))
        {
            if (fields.TryGetValue(field.Name, out var value))
            {
                switch (field.Exposure)
                {
                    case CredentialExposure.Plain:
                        attributes[field.Name] = value;
                        break;
                    case CredentialExposure.Masked:
                        attributes[field.Name] = Mask(value);
                        break;
                    case CredentialExposure.Secret:
                    default:
                        break;
                }
            }
        }

        return attributes;
    }

    /// <summary>Names of the fields present that are stored encrypted only and never shown.</summary>
    public static IReadOnlyList<string> SecretFieldNames(CredentialKind kind, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (kind == CredentialKind.Generic)
        {
            return [.. fields.Keys.Order(StringComparer.Ordinal)];
        }

        return [.. For(kind).Where(f => f.Exposure != CredentialExposure.Plain && fields.ContainsKey(f.Name)).Select(f => f.Name)];
    }

    /// <summary><c>****</c> and the last four characters; only <c>****</c> when the value is too short to show any.</summary>
    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length >= 12 ? "****" + value[^4..] : "****";
    }

    [GeneratedRegex("^[A-Z0-9]{16,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Region();

    [GeneratedRegex("^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TenantId();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Guid();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Hostname();

    [GeneratedRegex("^[^\\s\\x00]{1,253}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ContextName();
}
