namespace AIOps.Logs;

/// <summary>How alike two templates are, for comparing the log evidence of two incidents.</summary>
public static class LogTemplateSimilarity
{
    /// <summary>
    /// Jaccard index of the two templates' sets of constant words (<c>&lt;*&gt;</c> and words holding one are left
    /// out): 1 for the same words, 0 for none in common. Two templates with no constant words score 1 only when their
    /// texts are equal.
    /// </summary>
    public static double Jaccard(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = Words(first);
        var b = Words(second);
        if (a.Count == 0 && b.Count == 0)
        {
            return string.Equals(first.Trim(), second.Trim(), StringComparison.Ordinal) ? 1 : 0;
        }

        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    /// <summary>Jaccard of two template sets by their texts, e.g. the templates seen in two incidents.</summary>
    public static double Jaccard(IEnumerable<LogTemplate> first, IEnumerable<LogTemplate> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = first.Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var b = second.Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }

        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    private static HashSet<string> Words(string template) =>
        template.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !LogTokenizer.IsValue(w))
            .ToHashSet(StringComparer.Ordinal);
}
