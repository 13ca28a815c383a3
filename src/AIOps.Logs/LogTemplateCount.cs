namespace AIOps.Logs;

/// <summary>A template with the number of messages it has taken, including those of templates merged into it.</summary>
/// <param name="Template">The template.</param>
/// <param name="Count">Messages added under it.</param>
public sealed record LogTemplateCount(LogTemplate Template, long Count);
