using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AIOps.Incidents.Runbooks;

/// <summary>Where a parameter's value comes from, parsed from its <c>from</c> text.</summary>
/// <param name="Kind">resource, label, id or type.</param>
/// <param name="ResourceKinds">For resource: the acceptable kinds.</param>
/// <param name="Name">For label: the label; for resource: the property to read (null for the id).</param>
public sealed partial record ParameterSource(string Kind, ImmutableArray<string> ResourceKinds, string? Name)
{
    /// <summary>Parses <paramref name="text"/>, or null if it is not a source.</summary>
    public static ParameterSource? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t == "incident.id")
        {
            return new("id", [], null);
        }

        if (t == "incident.type")
        {
            return new("type", [], null);
        }

        if (LabelPattern().Match(t) is { Success: true } label)
        {
            return new("label", [], label.Groups["name"].Value);
        }

        return ResourcePattern().Match(t) is { Success: true } resource
            ? new("resource", [.. resource.Groups["kinds"].Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
                resource.Groups["prop"].Success ? resource.Groups["prop"].Value : null)
            : null;
    }

    [GeneratedRegex("^incident\\.label\\.(?<name>[A-Za-z_][A-Za-z0-9_.-]*)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^incident\\.resource\\(kind=(?<kinds>[a-z0-9_|-]+)\\)(\\.(?<prop>[A-Za-z0-9_.-]+))?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ResourcePattern();
}
