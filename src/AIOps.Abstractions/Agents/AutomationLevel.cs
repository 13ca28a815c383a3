namespace AIOps.Abstractions.Agents;

/// <summary>How far an agent may act without a person.</summary>
public enum AutomationLevel
{
    /// <summary>Every action waits for approval.</summary>
    Manual = 0,

    /// <summary>Low-risk actions run; the rest wait for approval.</summary>
    SemiAuto = 1,

    /// <summary>Actions run unless policy says otherwise.</summary>
    FullAuto = 2,
}
