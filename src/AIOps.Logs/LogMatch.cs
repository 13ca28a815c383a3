namespace AIOps.Logs;

/// <summary>The template a message belongs to and the values it had at the template's <c>&lt;*&gt;</c> positions.</summary>
/// <param name="TemplateId">The template's id at the time of the call; after a later merge it resolves through <see cref="LogTemplateMiner.Resolve"/>.</param>
/// <param name="Template">The template text, words separated by one space, <c>&lt;*&gt;</c> where a value was.</param>
/// <param name="Parameters">The message's values, in order, one per <c>&lt;*&gt;</c>.</param>
public sealed record LogMatch(int TemplateId, string Template, IReadOnlyList<string> Parameters);
