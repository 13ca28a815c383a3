namespace AIOps.Incidents.Runbooks;

/// <summary>How a step went.</summary>
/// <param name="Succeeded">Whether it did what it should.</param>
/// <param name="Detail">What happened, in words.</param>
/// <param name="ActionId">The agent action it ran as, for estate actions.</param>
/// <param name="PredictedSuccess">The success probability the model gave it, if any.</param>
public sealed record StepResult(bool Succeeded, string Detail, string? ActionId = null, double? PredictedSuccess = null);
