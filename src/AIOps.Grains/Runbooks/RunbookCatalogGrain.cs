using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Audit;
using AIOps.Grains.Audit;
using AIOps.Incidents.Runbooks;

namespace AIOps.Grains.Runbooks;

/// <summary>
/// The runbook catalog. Built-in runbooks always exist: a user's runbook with the same id replaces one (and says so in
/// the audit trail), deleting that replacement brings the shipped version back, and deleting a built-in is refused,
/// so none is lost silently.
/// </summary>
public sealed class RunbookCatalogGrain(
    [PersistentState("runbooks", StorageNames.Grains)] IPersistentState<RunbookCatalogState> state,
    IAuditLog audit,
    TimeProvider time) : Grain, IRunbookCatalogGrain
{
    /// <summary>Audit action for a stored or deleted runbook.</summary>
    public const string AuditChanged = "runbook.changed";

    /// <inheritdoc />
    public Task<IReadOnlyList<RunbookDocument>> ListAsync()
    {
        var ids = BuiltInRunbooks.All.Keys.Union(state.State.Custom.Keys).Order(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<RunbookDocument>>([.. ids.Select(Find).OfType<RunbookDocument>()]);
    }

    /// <inheritdoc />
    public Task<RunbookDocument> GetAsync(string id) => Task.FromResult(Find(id) ?? throw new NotFoundException("runbook", id));

    /// <inheritdoc />
    public async Task<RunbookDocument> PutAsync(string id, string yaml, string actor)
    {
        RunbookParser.Parse(yaml, id);
        var builtIn = BuiltInRunbooks.All.ContainsKey(id);
        var document = new RunbookDocument(id, yaml, builtIn, builtIn, time.GetUtcNow(), actor);
        var existed = state.State.Custom.ContainsKey(id);
        state.State.Custom[id] = document;
        await state.WriteStateAsync();
        await audit.AppendAsync(new AuditRecord(actor, AuditChanged, AuditOutcomes.Succeeded,
            Reason: builtIn ? $"runbook '{id}' replaces the built-in version" : existed ? $"runbook '{id}' replaced" : $"runbook '{id}' added",
            Details: ImmutableDictionary<string, string>.Empty.Add("runbook", id).Add("operation", "put")));
        return document;
    }

    /// <inheritdoc />
    public async Task<RunbookDocument?> DeleteAsync(string id, string actor)
    {
        if (!state.State.Custom.Remove(id))
        {
            throw BuiltInRunbooks.All.ContainsKey(id)
                ? new ConflictException($"runbook '{id}' is built in and cannot be deleted; replace it with PUT instead")
                : new NotFoundException("runbook", id);
        }

        await state.WriteStateAsync();
        var restored = Find(id);
        await audit.AppendAsync(new AuditRecord(actor, AuditChanged, AuditOutcomes.Succeeded,
            Reason: restored is null ? $"runbook '{id}' deleted" : $"runbook '{id}' reverted to the built-in version",
            Details: ImmutableDictionary<string, string>.Empty.Add("runbook", id).Add("operation", "delete")));
        return restored;
    }

    private RunbookDocument? Find(string id) =>
        state.State.Custom.TryGetValue(id, out var custom) ? custom
        : BuiltInRunbooks.All.TryGetValue(id, out var builtIn) ? new RunbookDocument(id, builtIn.Yaml, true, false, null, null)
        : null;
}
