namespace AIOps.Grains.Runbooks;

/// <summary>The runbook catalog (one per cluster, key <see cref="Key"/>): built-ins plus users' runbooks, persisted with the grain state (PostgreSQL in durable mode).</summary>
[Alias("aiops.runbook-catalog")]
public interface IRunbookCatalogGrain : IGrainWithStringKey
{
    /// <summary>The one key.</summary>
    const string Key = "default";

    /// <summary>Every runbook, by id.</summary>
    [Alias("list")] Task<IReadOnlyList<RunbookDocument>> ListAsync();

    /// <summary>One runbook, or <see cref="Abstractions.NotFoundException"/>.</summary>
    [Alias("get")] Task<RunbookDocument> GetAsync(string id);

    /// <summary>Adds or replaces a runbook (validated; <see cref="Abstractions.ValidationException"/> names the field and line).</summary>
    [Alias("put")] Task<RunbookDocument> PutAsync(string id, string yaml, string actor);

    /// <summary>Deletes a user's runbook, or reverts a replaced built-in to the shipped version; a built-in itself cannot be deleted (<see cref="Abstractions.ConflictException"/>).</summary>
    [Alias("delete")] Task<RunbookDocument?> DeleteAsync(string id, string actor);
}
