namespace AIOps.Incidents.Correlation;

/// <summary>Similarity of two sets of log templates.</summary>
public static class TemplateSets
{
    /// <summary>Jaccard similarity of the two sets (0 when either is empty).</summary>
    public static double Similarity(IReadOnlyCollection<string> a, IReadOnlyCollection<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var set = a as ISet<string> ?? new HashSet<string>(a, StringComparer.Ordinal);
        var shared = b.Distinct(StringComparer.Ordinal).Count(set.Contains);
        return shared / (double)(set.Count + b.Distinct(StringComparer.Ordinal).Count() - shared);
    }
}
