using AIOps.Abstractions.Actions;

namespace AIOps.Grains.Actions;

/// <summary>The embedded-mode action index: process memory, gone with the process.</summary>
public sealed class InMemoryActionIndex : IActionIndex
{
    private readonly Dictionary<string, ActionSummary> _actions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<bool> PutAsync(ActionSummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        lock (_lock)
        {
            if (_actions.TryGetValue(summary.Id, out var stored) && stored.Version >= summary.Version)
            {
                return Task.FromResult(false);
            }

            _actions[summary.Id] = summary;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<ActionPage> QueryAsync(ActionQuery query, CancellationToken cancellationToken = default)
    {
        var q = ActionQueries.Normalize(query);
        List<ActionSummary> matching;
        lock (_lock)
        {
            matching = [.. _actions.Values.Where(a => ActionQueries.Matches(q, a))];
        }

        var page = ActionQueries.Order(matching).Skip(q.Offset).Take(q.Limit).ToArray();
        return Task.FromResult(new ActionPage(page, matching.Count, q.Offset, q.Limit));
    }
}
