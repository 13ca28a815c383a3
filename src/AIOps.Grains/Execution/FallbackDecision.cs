namespace AIOps.Grains.Execution;

/// <summary>A decision and what made it.</summary>
/// <typeparam name="T">The decision's type.</typeparam>
/// <param name="Decision">The decision.</param>
/// <param name="Source">The model, or the rules in its place.</param>
/// <param name="Reason">For the action's reasons, e.g. "model 'anomaly-v3' unavailable (not trained yet); used rule-based decision".</param>
public sealed record FallbackDecision<T>(T Decision, DecisionSource Source, string Reason)
{
    /// <summary>The model was unavailable and the rules decided.</summary>
    public bool FellBack => Source == DecisionSource.Rules;
}
