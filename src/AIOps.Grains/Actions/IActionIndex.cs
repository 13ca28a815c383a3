using AIOps.Abstractions.Actions;

namespace AIOps.Grains.Actions;

/// <summary>
/// The action listing: action grains write their summary after every change. Agents propose actions all the time,
/// so it is a store beside the journals (a table in durable mode) rather than one grain's state.
/// </summary>
public interface IActionIndex
{
    /// <summary>Stores the summary unless the index holds the same or a newer version; returns whether it was stored.</summary>
    Task<bool> PutAsync(ActionSummary summary, CancellationToken cancellationToken = default);

    /// <summary>A filtered page, newest proposed first; <see cref="Abstractions.ValidationException"/> for a bad query.</summary>
    Task<ActionPage> QueryAsync(ActionQuery query, CancellationToken cancellationToken = default);
}
