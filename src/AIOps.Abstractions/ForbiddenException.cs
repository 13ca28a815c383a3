namespace AIOps.Abstractions;

/// <summary>The caller is known but may not do this (missing role, or approving their own request); nothing was changed.</summary>
[GenerateSerializer, Alias("aiops.error.forbidden")]
public sealed class ForbiddenException : AIOpsException
{
    /// <summary>Creates the error with a message for people.</summary>
    public ForbiddenException(string message)
        : base(message)
    {
    }
}
