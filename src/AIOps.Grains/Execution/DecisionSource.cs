namespace AIOps.Grains.Execution;

/// <summary>What made an agent's decision.</summary>
public enum DecisionSource
{
    /// <summary>The ML model.</summary>
    Model = 0,

    /// <summary>The agent's rules, because the model was unavailable.</summary>
    Rules = 1,
}
