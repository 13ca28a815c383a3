using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using AIOps.Incidents.Evidence;

namespace AIOps.Incidents.Classification;

/// <summary>
/// The known incident types and their patterns. <see cref="Default"/> is the catalog shipped in
/// <c>incident-types.json</c>; <see cref="Load"/> reads one of the same shape (users add types by configuration) and
/// <see cref="With"/> adds or replaces types.
/// </summary>
public sealed class IncidentTypeCatalog
{
    /// <summary>Matches scoring below this are not reported.</summary>
    public const double ReportThreshold = 0.05;

    private static readonly Lazy<IncidentTypeCatalog> DefaultCatalog = new(() =>
    {
        using var stream = typeof(IncidentTypeCatalog).Assembly.GetManifestResourceStream("AIOps.Incidents.incident-types.json")
            ?? throw new InvalidOperationException("The embedded incident-types.json is missing.");
        return Load(stream);
    });

    private IncidentTypeCatalog(ImmutableArray<IncidentTypeDefinition> types)
    {
        foreach (var type in types)
        {
            Validate(type);
        }

        var duplicate = types.GroupBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Incident type '{duplicate.Key}' is defined twice.", nameof(types));
        }

        Types = types;
    }

    /// <summary>The catalog that ships with AIOps.</summary>
    public static IncidentTypeCatalog Default => DefaultCatalog.Value;

    /// <summary>Every type, in catalog order.</summary>
    public ImmutableArray<IncidentTypeDefinition> Types { get; }

    /// <summary>A catalog of exactly these types.</summary>
    public static IncidentTypeCatalog Create(IEnumerable<IncidentTypeDefinition> types) => new([.. types]);

    /// <summary>
    /// Reads a catalog: <c>{"types":[{"id","title","description","patterns":{"alertName":{"Name":0.5},
    /// "label":{"key=value":0.3},"eventReason":{...},"logKeyword":{...},"resourceKind":{...}}}]}</c>.
    /// </summary>
    public static IncidentTypeCatalog Load(Stream json)
    {
        var document = JsonSerializer.Deserialize<CatalogDocument>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new ArgumentException("The incident type catalog is empty.", nameof(json));
        var types = (document.Types ?? []).Select(t => new IncidentTypeDefinition(
            t.Id ?? throw new ArgumentException("An incident type has no id.", nameof(json)),
            t.Title ?? t.Id,
            t.Description ?? "",
            [.. (t.Patterns ?? []).SelectMany(kind => kind.Value.Select(p => new IncidentPattern(ParseKind(t.Id, kind.Key), p.Key, p.Value)))]));
        return Create(types);
    }

    /// <summary>This catalog with <paramref name="types"/> added; a type with an existing id replaces it.</summary>
    public IncidentTypeCatalog With(IEnumerable<IncidentTypeDefinition> types)
    {
        var added = types.ToList();
        var ids = added.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        return new([.. Types.Where(t => !ids.Contains(t.Id)), .. added]);
    }

    /// <summary>The type with this id, or null.</summary>
    public IncidentTypeDefinition? Find(string id) => Types.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    /// <summary>Every type with at least one matching pattern (score at least <see cref="ReportThreshold"/>), best first.</summary>
    public ImmutableArray<CatalogMatch> Match(IncidentEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var alertNames = evidence.Alerts.Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var labels = evidence.Alerts.SelectMany(a => a.Labels).Select(l => $"{l.Key}={l.Value}").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var kinds = evidence.ResourceKinds.Concat(evidence.Alerts.Select(a => a.ResourceKind).OfType<string>()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var matches = new List<CatalogMatch>();
        foreach (var type in Types)
        {
            var hits = new List<(IncidentPattern Pattern, string Found)>();
            foreach (var pattern in type.Patterns)
            {
                var found = pattern.Kind switch
                {
                    PatternKind.AlertName => alertNames.FirstOrDefault(n => Glob(pattern.Value, n)),
                    PatternKind.Label => labels.FirstOrDefault(l => LabelMatches(pattern.Value, l)),
                    PatternKind.EventReason => evidence.EventReasons.FirstOrDefault(r => Glob(pattern.Value, r)),
                    PatternKind.LogKeyword => evidence.LogTemplates.FirstOrDefault(t => t.Contains(pattern.Value, StringComparison.OrdinalIgnoreCase)) is null ? null : pattern.Value,
                    PatternKind.ResourceKind => kinds.FirstOrDefault(k => string.Equals(k, pattern.Value, StringComparison.OrdinalIgnoreCase)),
                    _ => null,
                };
                if (found is not null)
                {
                    hits.Add((pattern, found));
                }
            }

            // One piece of evidence counts once, with its strongest pattern (CostAnomalyDetected and *CostAnomaly* are one alert).
            hits = [.. hits.GroupBy(h => (h.Pattern.Kind, h.Found.ToUpperInvariant())).Select(g => g.MaxBy(h => h.Pattern.Weight))];
            var score = 1 - hits.Aggregate(1.0, (miss, h) => miss * (1 - h.Pattern.Weight));
            if (score >= ReportThreshold)
            {
                var described = hits.OrderByDescending(h => h.Pattern.Weight).Select(h => $"{Noun(h.Pattern.Kind)} {h.Found}").ToImmutableArray();
                matches.Add(new CatalogMatch(type.Id, score, described, $"{type.Title} ({score.ToString("0.00", CultureInfo.InvariantCulture)}): {string.Join(", ", described)}."));
            }
        }

        return [.. matches.OrderByDescending(m => m.Score).ThenBy(m => m.Type, StringComparer.Ordinal)];
    }

    private static string Noun(PatternKind kind) => kind switch
    {
        PatternKind.AlertName => "alert",
        PatternKind.Label => "label",
        PatternKind.EventReason => "event",
        PatternKind.LogKeyword => "log",
        _ => "resource kind",
    };

    private static bool LabelMatches(string pattern, string label)
    {
        var eq = pattern.IndexOf('=', StringComparison.Ordinal);
        var at = label.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && at > 0
            && string.Equals(pattern[..eq], label[..at], StringComparison.OrdinalIgnoreCase)
            && Glob(pattern[(eq + 1)..], label[(at + 1)..]);
    }

    /// <summary>Case-insensitive match where <c>*</c> stands for any run of characters.</summary>
    internal static bool Glob(string pattern, string text)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, text, StringComparison.OrdinalIgnoreCase);
        }

        if (!text.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase) || !text.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase)
            || text.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var position = parts[0].Length;
        var end = text.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = text.IndexOf(parts[i], position, end - position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }

    private static PatternKind ParseKind(string type, string kind) =>
        Enum.TryParse<PatternKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ArgumentException($"Incident type '{type}' has patterns of unknown kind '{kind}' (known: alertName, label, eventReason, logKeyword, resourceKind).");

    private static void Validate(IncidentTypeDefinition type)
    {
        if (string.IsNullOrWhiteSpace(type.Id) || type.Id == IncidentClassifier.Unknown)
        {
            throw new ArgumentException($"'{type.Id}' is not a usable incident type id.", nameof(type));
        }

        foreach (var p in type.Patterns)
        {
            if (string.IsNullOrWhiteSpace(p.Value) || double.IsNaN(p.Weight) || p.Weight is <= 0 or >= 1)
            {
                throw new ArgumentException($"Incident type '{type.Id}': pattern '{p.Value}' needs a value and a weight above 0 and below 1.", nameof(type));
            }

            if (p.Kind == PatternKind.Label && p.Value.IndexOf('=', StringComparison.Ordinal) <= 0)
            {
                throw new ArgumentException($"Incident type '{type.Id}': label pattern '{p.Value}' must be key=value.", nameof(type));
            }
        }
    }

    private sealed class CatalogDocument
    {
        public List<TypeDocument>? Types { get; set; }
    }

    private sealed class TypeDocument
    {
        public string? Id { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public Dictionary<string, Dictionary<string, double>>? Patterns { get; set; }
    }
}
