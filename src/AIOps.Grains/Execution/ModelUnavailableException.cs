namespace AIOps.Grains.Execution;

/// <summary>An ML model cannot decide right now (not trained yet, not loaded, its scorer is down); the agent falls back to its rules.</summary>
public sealed class ModelUnavailableException : Exception
{
    /// <summary>Creates the error.</summary>
    public ModelUnavailableException()
        : base("The model is unavailable.")
    {
    }

    /// <summary>Creates the error with a message for people; it ends up in the action's reasons.</summary>
    public ModelUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and its cause.</summary>
    public ModelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
