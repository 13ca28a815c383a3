using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using AIOps.Abstractions.Agents;

namespace AIOps.Grains.Agents;

/// <summary>What changed between two configurations, one line per field, for the history and the audit trail.</summary>
public static class AgentConfigDiff
{
    /// <summary>The changes from <paramref name="before"/> (null for a new agent) to <paramref name="after"/>.</summary>
    public static ImmutableArray<string> Between(AgentConfig? before, AgentConfig after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return ["created"];
        }

        var changes = ImmutableArray.CreateBuilder<string>();
        Compare(changes, "name", before.Name, after.Name);
        Compare(changes, "type", Wire(before.Type), Wire(after.Type));
        Compare(changes, "enabled", before.Enabled ? "true" : "false", after.Enabled ? "true" : "false");
        Compare(changes, "automationLevel", Wire(before.AutomationLevel), Wire(after.AutomationLevel));
        Compare(changes, "approvalRequired", before.ApprovalRequired ? "true" : "false", after.ApprovalRequired ? "true" : "false");
        foreach (var key in before.Thresholds.Keys.Union(after.Thresholds.Keys).Order(StringComparer.Ordinal))
        {
            Compare(changes, $"thresholds.{key}", Number(before.Thresholds, key), Number(after.Thresholds, key));
        }

        Compare(changes, "integrations", string.Join(",", before.Integrations.Order(StringComparer.Ordinal)), string.Join(",", after.Integrations.Order(StringComparer.Ordinal)));
        return changes.ToImmutable();
    }

    private static void Compare(ImmutableArray<string>.Builder changes, string field, string? before, string? after)
    {
        if (before != after)
        {
            changes.Add($"{field}: {before ?? "(none)"} → {after ?? "(none)"}");
        }
    }

    private static string? Number(ImmutableDictionary<string, double> values, string key) =>
        values.TryGetValue(key, out var v) ? v.ToString(CultureInfo.InvariantCulture) : null;

    private static string Wire<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
