namespace AIOps.Abstractions;

/// <summary>Input that breaks a rule; <see cref="Errors"/> names each bad field.</summary>
[GenerateSerializer, Alias("aiops.error.validation")]
public sealed class ValidationException : AIOpsException
{
    /// <summary>Creates the error from field → messages.</summary>
    public ValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("Validation failed: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
    {
        Errors = errors.ToDictionary(e => e.Key, e => e.Value);
    }

    /// <summary>Creates the error for one field.</summary>
    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    /// <summary>Field name → what is wrong with it.</summary>
    [Id(0)] public Dictionary<string, string[]> Errors { get; }
}
