using AIOps.Incidents.Evidence;

namespace AIOps.Incidents.Training;

/// <summary>One training example: an incident's evidence and its known type.</summary>
/// <param name="Evidence">What was known about the incident at one point of its life.</param>
/// <param name="Label">Its type (e.g. <c>node-failure</c>).</param>
/// <param name="Group">
/// Which incident it was taken from: examples of one incident (several points of its life) share a group and are kept
/// in the same cross-validation fold, so a fold is never scored on an incident it trained on.
/// </param>
public sealed record LabeledEvidence(IncidentEvidence Evidence, string Label, string Group);
