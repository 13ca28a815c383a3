using System.ComponentModel.DataAnnotations;

namespace AIOps.Logs;

/// <summary>
/// Settings of <see cref="LogTemplateMiner"/>. The defaults are the settings used everywhere, including the Loghub
/// evaluation: there are no per-system settings, because real logs come untuned.
/// </summary>
public sealed class LogTemplateMinerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AIOps:Logs:Miner";

    /// <summary>
    /// Most templates kept. When a new template would exceed it, the least recently seen template is dropped first
    /// (its id then no longer resolves, and a later line like it starts a new template with a new id).
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxTemplates { get; set; } = 10_000;

    /// <summary>
    /// A word position becomes a parameter once this many templates are the same everywhere else and differ only there
    /// (four user names in <c>session closed for user X</c>). Fewer distinct words stay separate templates
    /// (<c>VM Paused</c>, <c>VM Resumed</c>). A position where one of them already holds a value merges at two.
    /// </summary>
    [Range(2, 1000)]
    public int MinDistinctWords { get; set; } = 4;

    /// <summary>A merge must leave at least this many constant words in the template, so unrelated short lines stay apart.</summary>
    [Range(1, 100)]
    public int MinConstantTokens { get; set; } = 1;

    /// <summary>Tokens read per message; the rest of a longer message is kept as its last token.</summary>
    [Range(2, 100_000)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(MaxTemplates, 1, 10_000_000, nameof(MaxTemplates));
        Check(MinDistinctWords, 2, 1000, nameof(MinDistinctWords));
        Check(MinConstantTokens, 1, 100, nameof(MinConstantTokens));
        Check(MaxTokens, 2, 100_000, nameof(MaxTokens));
    }

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{SectionName}:{name} must be between {min} and {max}.");
        }
    }
}
