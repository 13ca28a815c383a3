namespace AIOps.Abstractions;

/// <summary>The request clashes with the entity's current state (it exists already, or another writer won).</summary>
[GenerateSerializer, Alias("aiops.error.conflict")]
public sealed class ConflictException : AIOpsException
{
    /// <summary>Creates the error with a message for people.</summary>
    public ConflictException(string message)
        : base(message)
    {
    }
}
