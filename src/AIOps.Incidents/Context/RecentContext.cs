using AIOps.Incidents.Correlation;
using AIOps.Logs;

namespace AIOps.Incidents.Context;

/// <summary>
/// Recent events and log templates per resource, bounded in count and age: what correlation and root-cause analysis
/// read. Log lines are turned into templates by the online log parser; a template refined later (two merged into
/// one) is read back as it is now. Thread-safe.
/// </summary>
public sealed class RecentContext(LogTemplateMiner miner, int perResource = 64, int maxResources = 200_000) : ILogContext
{
    /// <summary>The log parser that turns lines into templates.</summary>
    public LogTemplateMiner Miner => miner;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entries> _byResource = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Records a Kubernetes-style or audit event.</summary>
    public void AddEvent(string resourceId, DateTimeOffset at, string reason, bool warning, string message)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Add(resourceId, e => e.Events, new ContextEvent(resourceId, at, reason, warning, ChangeDetector.IsChangeReason(reason), message ?? ""));
    }

    /// <summary>Records a log line: warnings and errors become error templates; lines announcing a change become change events.</summary>
    public void AddLog(string resourceId, DateTimeOffset at, string level, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var severe = level is not null && (level.StartsWith("WARN", StringComparison.OrdinalIgnoreCase) || level.StartsWith("ERR", StringComparison.OrdinalIgnoreCase)
            || level.StartsWith("FATAL", StringComparison.OrdinalIgnoreCase) || level.StartsWith("CRIT", StringComparison.OrdinalIgnoreCase));
        if (severe)
        {
            Add(resourceId, e => e.Templates, (at, miner.Add(message).TemplateId));
        }

        if (ChangeDetector.IsChangeLog(message))
        {
            Add(resourceId, e => e.Events, new ContextEvent(resourceId, at, "log", false, true, message));
        }
        else if (severe)
        {
            Add(resourceId, e => e.Events, new ContextEvent(resourceId, at, "log", true, false, message));
        }
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> ErrorTemplates(string resourceId, DateTimeOffset at, TimeSpan window)
    {
        lock (_gate)
        {
            return _byResource.TryGetValue(resourceId, out var entries)
                ? entries.Templates.Where(t => t.At <= at && at - t.At <= window)
                    .Select(t => miner.TryGetTemplate(t.TemplateId, out var template) ? template.Text : null)
                    .OfType<string>()
                    .ToHashSet(StringComparer.Ordinal)
                : [];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ContextEvent> Events(string resourceId, DateTimeOffset at, TimeSpan window)
    {
        lock (_gate)
        {
            return _byResource.TryGetValue(resourceId, out var entries)
                ? [.. entries.Events.Where(e => e.At <= at && at - e.At <= window).OrderBy(e => e.At)]
                : [];
        }
    }

    private void Add<T>(string resourceId, Func<Entries, Queue<T>> select, T item)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceId);
        lock (_gate)
        {
            if (!_byResource.TryGetValue(resourceId, out var entries))
            {
                _byResource[resourceId] = entries = new Entries();
                _order.Enqueue(resourceId);
                while (_byResource.Count > maxResources && _order.TryDequeue(out var oldest))
                {
                    _byResource.Remove(oldest);
                }
            }

            var queue = select(entries);
            queue.Enqueue(item);
            while (queue.Count > perResource)
            {
                queue.Dequeue();
            }
        }
    }

    private sealed class Entries
    {
        public Queue<ContextEvent> Events { get; } = new();

        public Queue<(DateTimeOffset At, int TemplateId)> Templates { get; } = new();
    }
}
