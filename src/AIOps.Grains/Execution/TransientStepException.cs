namespace AIOps.Grains.Execution;

/// <summary>A step failed in a way worth retrying (a throttled or briefly unreachable API); other exceptions are permanent.</summary>
public sealed class TransientStepException : Exception
{
    /// <summary>Creates the error.</summary>
    public TransientStepException()
        : base("The step failed transiently.")
    {
    }

    /// <summary>Creates the error with a message for people.</summary>
    public TransientStepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and its cause.</summary>
    public TransientStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
