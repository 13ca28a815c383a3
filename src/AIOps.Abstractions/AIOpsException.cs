namespace AIOps.Abstractions;

/// <summary>Base of the errors the platform raises on purpose; each maps to one problem-details status.</summary>
[GenerateSerializer, Alias("aiops.error")]
public abstract class AIOpsException : Exception
{
    /// <summary>Creates the error with a message for people.</summary>
    protected AIOpsException(string message)
        : base(message)
    {
    }
}
