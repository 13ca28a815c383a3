namespace AIOps.Abstractions;

/// <summary>A status change that the entity's life cycle does not allow; nothing was changed.</summary>
[GenerateSerializer, Alias("aiops.error.transition")]
public sealed class InvalidTransitionException : AIOpsException
{
    /// <summary>Creates the error naming the entity and both states.</summary>
    public InvalidTransitionException(string entity, string id, string from, string to)
        : base($"{entity} '{id}' cannot move from '{from}' to '{to}'.")
    {
        Entity = entity;
        EntityId = id;
        From = from;
        To = to;
    }

    /// <summary>The kind of entity, e.g. "incident".</summary>
    [Id(0)] public string Entity { get; }

    /// <summary>The entity's id.</summary>
    [Id(1)] public string EntityId { get; }

    /// <summary>The state it is in.</summary>
    [Id(2)] public string From { get; }

    /// <summary>The state that was asked for.</summary>
    [Id(3)] public string To { get; }
}
