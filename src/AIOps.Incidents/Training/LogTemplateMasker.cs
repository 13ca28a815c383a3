using System.Text.RegularExpressions;

namespace AIOps.Incidents.Training;

/// <summary>
/// Templates for log lines by masking their variable tokens (anything with a digit, hex ids, URLs, paths, quoted
/// strings) with <c>&lt;*&gt;</c>. Used to build training evidence from raw simulated log lines; the online parser of
/// AIOps.Logs can be plugged in instead through <see cref="SimulationTrainingOptions.Templates"/>. The model masks
/// templates again (<see cref="Classification.EvidenceText"/>), so both give it the same words.
/// </summary>
public static partial class LogTemplateMasker
{
    /// <summary>The template of one message.</summary>
    public static string Template(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Variable().Replace(message, "<*>");
    }

    /// <summary>The distinct templates of <paramref name="messages"/>, most frequent first.</summary>
    public static IReadOnlyList<string> Templates(IEnumerable<string> messages) =>
        [.. messages.Select(Template).GroupBy(t => t, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)];

    [GeneratedRegex(@"https?://\S+|(?<![\w.])/[\w./-]+|""[^""]*""|'[^']*'|[\w.:=/-]*\d[\w.:=/-]*")]
    private static partial Regex Variable();
}
