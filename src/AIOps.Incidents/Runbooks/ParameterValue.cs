namespace AIOps.Incidents.Runbooks;

/// <summary>A resolved parameter: its text, and the resource it names when it came from one.</summary>
/// <param name="Text">The value.</param>
/// <param name="Resource">The resource, for <c>{{ name.property }}</c>.</param>
public sealed record ParameterValue(string Text, IncidentResource? Resource);
