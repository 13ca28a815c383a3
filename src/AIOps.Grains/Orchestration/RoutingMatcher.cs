using AIOps.Abstractions.Events;
using AIOps.Abstractions.Orchestration;

namespace AIOps.Grains.Orchestration;

/// <summary>Whether a routing rule matches an event.</summary>
public static class RoutingMatcher
{
    /// <summary>True when type, source, resource and severity all match.</summary>
    public static bool Matches(RoutingRule rule, SystemEvent e)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(e);
        return e.Severity >= rule.MinSeverity
            && (rule.EventTypes.IsDefaultOrEmpty || AnyTypeMatches(rule.EventTypes, e.Type))
            && (rule.Sources.IsDefaultOrEmpty || rule.Sources.Contains(e.Source, StringComparer.Ordinal))
            && (rule.ResourcePrefix is null || (e.ResourceId?.StartsWith(rule.ResourcePrefix, StringComparison.Ordinal) ?? false));
    }

    private static bool AnyTypeMatches(System.Collections.Immutable.ImmutableArray<string> patterns, string type)
    {
        foreach (var pattern in patterns)
        {
            if (TypeMatches(pattern, type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TypeMatches(string pattern, string type) =>
        pattern == "*"
        || (pattern.EndsWith('*') ? type.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal) : type == pattern);
}
