using AIOps.Logs;

namespace AIOps.Incidents.Training;

/// <summary>Templates of a set of log lines from the online parser (<see cref="LogTemplateMiner"/>), as the agent sees them at run time.</summary>
public static class MinedTemplates
{
    /// <summary>The distinct templates of <paramref name="messages"/>, most frequent first.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var miner = new LogTemplateMiner();
        var ids = messages.Select(m => miner.Add(m).TemplateId).ToList();

        // Ids are read back after every line was seen, so lines whose templates merged later count together.
        return [.. ids
            .Select(id => miner.TryGetTemplate(id, out var template) ? template.Text : null)
            .OfType<string>()
            .GroupBy(t => t, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)];
    }
}
