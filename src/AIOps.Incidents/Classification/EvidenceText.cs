using System.Text;
using System.Text.RegularExpressions;
using AIOps.Incidents.Evidence;

namespace AIOps.Incidents.Classification;

/// <summary>
/// Turns an incident's evidence into the one text the incident-type model reads: alert names (also split into words),
/// summaries, label <c>key=value</c> pairs without identities, log templates, event reasons and resource kinds. What
/// identifies one resource or one occurrence (ids, names, fingerprints, timestamps, numbers) is left out, so the model
/// learns kinds of incident rather than the estate it was trained on.
/// </summary>
public static partial class EvidenceText
{
    /// <summary>Label keys that identify a resource, a place or an owner rather than a kind of fault.</summary>
    private static readonly HashSet<string> IdentityKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "resource_id", "id", "fingerprint", "instance", "pod", "node", "container", "name", "namespace", "cluster", "team",
        "owner", "service", "job", "app", "region", "zone", "location", "account", "subscription", "endpoint", "host",
        "hostname", "device", "mountpoint", "uid", "startsAt", "endsAt", "timestamp", "generatorURL", "runbook_url",
    };

    /// <summary>The text for <paramref name="evidence"/>.</summary>
    public static string For(IncidentEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var text = new StringBuilder();
        foreach (var alert in evidence.Alerts.DistinctBy(a => a.Name, StringComparer.OrdinalIgnoreCase))
        {
            Append(text, "alert_" + Token(alert.Name));
            Append(text, Words(alert.Name));
        }

        foreach (var summary in evidence.Alerts.Select(a => a.Summary).Distinct(StringComparer.Ordinal))
        {
            Append(text, Mask(summary));
        }

        foreach (var label in evidence.Alerts.SelectMany(a => a.Labels).Distinct())
        {
            if (!IsIdentity(label.Key, label.Value))
            {
                Append(text, "label_" + Token(label.Key) + "_" + Token(label.Value));
            }
        }

        foreach (var template in evidence.LogTemplates)
        {
            Append(text, Mask(template));
        }

        foreach (var reason in evidence.EventReasons.Distinct(StringComparer.Ordinal))
        {
            Append(text, "event_" + Token(reason));
            Append(text, Words(reason));
        }

        foreach (var kind in evidence.ResourceKinds.Concat(evidence.Alerts.Select(a => a.ResourceKind).OfType<string>()).Distinct(StringComparer.Ordinal))
        {
            Append(text, "kind_" + Token(kind));
        }

        return text.ToString();
    }

    /// <summary>Whether a label identifies something (left out of the features) rather than describing the fault.</summary>
    internal static bool IsIdentity(string key, string value) =>
        IdentityKeys.Contains(key) || key.EndsWith("_id", StringComparison.OrdinalIgnoreCase) || key.StartsWith("annotation.", StringComparison.Ordinal)
        || key.Equals("alertname", StringComparison.OrdinalIgnoreCase) || VariablePart().IsMatch(value) || value.Length > 40;

    /// <summary>Variable parts of a text (numbers, hex ids, URLs, paths, quoted strings) replaced by nothing.</summary>
    internal static string Mask(string text) => Spaces().Replace(VariableToken().Replace(text.Replace("<*>", " ", StringComparison.Ordinal), " "), " ").Trim();

    private static void Append(StringBuilder text, string part)
    {
        if (part.Length > 0)
        {
            text.Append(part).Append(" . ");
        }
    }

    private static string Token(string value) => NonWord().Replace(value, "_").ToLowerInvariant();

    /// <summary><c>KubeNodeNotReady</c> → <c>kube node not ready</c>; <c>Microsoft.Compute/disks/write</c> → <c>microsoft compute disks write</c>.</summary>
    private static string Words(string name) => Spaces().Replace(NonWord().Replace(CamelBoundary().Replace(name, " "), " "), " ").Trim().ToLowerInvariant();

    [GeneratedRegex(@"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex CamelBoundary();

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\d|^[0-9a-f]{8,}$", RegexOptions.IgnoreCase)]
    private static partial Regex VariablePart();

    [GeneratedRegex(@"\S*\d\S*|https?://\S+|(?<!\w)/[\w./-]+|""[^""]*""|'[^']*'")]
    private static partial Regex VariableToken();
}
