namespace AIOps.Logs;

/// <summary>A log template: the constant words of a message with <c>&lt;*&gt;</c> where the variable parts were.</summary>
/// <param name="Id">Stable id of the template within its miner.</param>
/// <param name="Text">The template text.</param>
public sealed record LogTemplate(int Id, string Text);
