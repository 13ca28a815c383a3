namespace AIOps.Abstractions;

/// <summary>The addressed entity does not exist (its grain holds no state).</summary>
[GenerateSerializer, Alias("aiops.error.not-found")]
public sealed class NotFoundException : AIOpsException
{
    /// <summary>Creates the error naming the entity.</summary>
    public NotFoundException(string entity, string id)
        : base($"{entity} '{id}' does not exist.")
    {
        Entity = entity;
        EntityId = id;
    }

    /// <summary>The kind of entity, e.g. "incident".</summary>
    [Id(0)] public string Entity { get; }

    /// <summary>The id that was asked for.</summary>
    [Id(1)] public string EntityId { get; }
}
