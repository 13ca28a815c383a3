using System.Collections.Immutable;
using AIOps.Abstractions.Resources;
using AIOps.Estate.Inventory;
using AIOps.Estate.Metrics;
using AIOps.Simulation.Inventory;
using AIOps.Simulation.Metrics;
using AIOps.Simulation.Observations;
using AIOps.Simulation.Scenarios;

namespace AIOps.Simulation.Estate;

/// <summary>
/// The simulated estate: resources, their metrics, injected scenarios, and the alerts, events, log lines and inventory
/// changes they produce. Time comes only from the injected <see cref="TimeProvider"/>; every public call first catches
/// the simulation up to its current time, so no timer is needed. Thread-safe (one lock).
/// </summary>
public sealed partial class SimulatedEstate
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SimResource> _resources;
    private readonly Dictionary<string, List<SimResource>> _nodesByCluster;
    private readonly Dictionary<string, SimResource> _terraformByCloud;
    private readonly Dictionary<string, SimResource> _machineByVolume;
    private readonly List<Scenario> _scenarios = [];
    private readonly Dictionary<string, List<Scenario>> _scenarioIndex = new(StringComparer.Ordinal);
    private readonly InventoryChangeLog _changes;
    private readonly ObservationLog<SimulatedAlert> _alerts;
    private readonly ObservationLog<SimulatedEvent> _events;
    private readonly ObservationLog<SimulatedLogLine> _logs;
    private readonly List<IObservation> _pending = [];
    private readonly MetricModel _model;
    private readonly AlertEngine _alertEngine;
    private DateTimeOffset _advancedTo;

    internal SimulatedEstate(EstateOptions options, TimeProvider timeProvider, Dictionary<string, SimResource> resources)
    {
        Options = options;
        TimeProvider = timeProvider;
        _resources = resources;
        _nodesByCluster = resources.Values.Where(r => r.Kind == ResourceKinds.Node)
            .GroupBy(r => r.Cluster!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(n => n.Id, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        _terraformByCloud = resources.Values.Where(r => r.Provider == "tf")
            .ToDictionary(r => r.Dependencies[0], StringComparer.Ordinal);
        _machineByVolume = resources.Values.Where(r => ResourceKinds.IsMachine(r.Kind))
            .SelectMany(m => m.Dependencies.Select(d => (Volume: d, Machine: m)))
            .ToDictionary(x => x.Volume, x => x.Machine, StringComparer.Ordinal);
        _changes = new InventoryChangeLog(options.InventoryLogCapacity);
        _alerts = new(options.ObservationLogCapacity);
        _events = new(options.ObservationLogCapacity);
        _logs = new(options.ObservationLogCapacity);
        _model = new MetricModel(this);
        _alertEngine = new AlertEngine(this, _model, options.AlertEvaluationInterval, options.AlertForFactor);
        _advancedTo = timeProvider.GetUtcNow();
        InventoryProvider = new SimulatedInventoryProvider(this);
        MetricsSource = new SimulatedMetricsSource(this);
    }

    /// <summary>The options the estate was generated with.</summary>
    public EstateOptions Options { get; }

    /// <summary>The clock the simulation follows.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The price table costs come from.</summary>
    public PriceTable Prices => PriceTable.Default;

    /// <summary>The estate as an inventory source (snapshot, then changes from a cursor).</summary>
    public IInventoryProvider InventoryProvider { get; }

    /// <summary>The estate's metrics as a range-query source.</summary>
    public IMetricsSource MetricsSource { get; }

    /// <summary>How many resources exist now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _resources.Count;
            }
        }
    }

    /// <summary>Generates an estate (shorthand for <see cref="EstateGenerator.Generate"/>).</summary>
    public static SimulatedEstate Create(EstateOptions options, TimeProvider timeProvider) => EstateGenerator.Generate(options, timeProvider);

    /// <summary>Every resource now, ordered by id.</summary>
    public IReadOnlyList<InventoryResource> Resources()
    {
        lock (_lock)
        {
            AdvanceLocked();
            return [.. _resources.Values.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => r.ToInventory())];
        }
    }

    /// <summary>One resource now, or null if it does not exist.</summary>
    public InventoryResource? Get(string resourceId)
    {
        lock (_lock)
        {
            AdvanceLocked();
            return _resources.GetValueOrDefault(resourceId)?.ToInventory();
        }
    }

    /// <summary>Catches the simulation up to the clock: starts scheduled scenarios, ends expired ones, emits what happened.</summary>
    public void Advance()
    {
        lock (_lock)
        {
            AdvanceLocked();
        }
    }

    /// <summary>Every metric of every resource (or of <paramref name="resourceIds"/>) at <paramref name="at"/>.</summary>
    public IReadOnlyList<MetricSample> Sample(DateTimeOffset at, IEnumerable<string>? resourceIds = null)
    {
        lock (_lock)
        {
            AdvanceLocked();
            var selected = resourceIds is null
                ? _resources.Values.OrderBy(r => r.Id, StringComparer.Ordinal)
                : resourceIds.Select(id => _resources.GetValueOrDefault(id)).OfType<SimResource>();
            var samples = new List<MetricSample>();
            foreach (var r in selected)
            {
                var names = MetricNames.ForKind(r.Kind);
                if (names.Count == 0 || !r.ExistsAt(at))
                {
                    continue;
                }

                var values = _model.Compute(r, at);
                foreach (var name in names)
                {
                    samples.Add(new MetricSample(name, r.Labels, at, values.Get(name)));
                }
            }

            return samples;
        }
    }

    /// <summary>One metric of one resource at <paramref name="at"/>, or null if the resource does not have it.</summary>
    public double? Value(string resourceId, string metric, DateTimeOffset at)
    {
        lock (_lock)
        {
            AdvanceLocked();
            return _resources.GetValueOrDefault(resourceId) is { } r && MetricNames.ForKind(r.Kind).Contains(metric)
                ? _model.Compute(r, at).Get(metric)
                : null;
        }
    }

    /// <summary>Alert notifications after <paramref name="afterSequence"/> (0 for all kept).</summary>
    public IReadOnlyList<SimulatedAlert> Alerts(long afterSequence = 0)
    {
        lock (_lock)
        {
            AdvanceLocked();
            return _alerts.After(afterSequence);
        }
    }

    /// <summary>Kubernetes-style and cloud audit events after <paramref name="afterSequence"/> (0 for all kept).</summary>
    public IReadOnlyList<SimulatedEvent> Events(long afterSequence = 0)
    {
        lock (_lock)
        {
            AdvanceLocked();
            return _events.After(afterSequence);
        }
    }

    /// <summary>Log lines after <paramref name="afterSequence"/> (0 for all kept).</summary>
    public IReadOnlyList<SimulatedLogLine> Logs(long afterSequence = 0)
    {
        lock (_lock)
        {
            AdvanceLocked();
            return _logs.After(afterSequence);
        }
    }

    internal Lock SyncRoot => _lock;

    internal InventoryChangeLog Changes => _changes;

    internal MetricModel Model => _model;

    internal IEnumerable<SimResource> AllResources => _resources.Values;

    internal SimResource? Find(string? id) => id is null ? null : _resources.GetValueOrDefault(id);

    internal IReadOnlyList<SimResource> NodesOf(string cluster) => _nodesByCluster.GetValueOrDefault(cluster) ?? [];

    internal IEnumerable<Scenario> ScenariosTouching(SimResource r)
    {
        if (_scenarioIndex.Count == 0)
        {
            return [];
        }

        IEnumerable<Scenario> result = _scenarioIndex.GetValueOrDefault(r.Id) ?? [];
        if (r.OwnerId is not null && _scenarioIndex.TryGetValue(r.OwnerId, out var byOwner))
        {
            result = result.Concat(byOwner);
        }

        if (r.NodeId is not null && _scenarioIndex.TryGetValue(r.NodeId, out var byNode))
        {
            result = result.Concat(byNode);
        }

        return result;
    }

    internal IEnumerable<Scenario> AllScenarios => _scenarios;

    internal void AdvanceLocked()
    {
        var now = TimeProvider.GetUtcNow();
        if (now <= _advancedTo)
        {
            return;
        }

        var from = _advancedTo;
        foreach (var scenario in _scenarios.ToList())
        {
            if (scenario.Status == ScenarioStatus.Scheduled && scenario.StartsAt <= now)
            {
                scenario.Status = ScenarioStatus.Active;
                scenario.Activate(this);
                Index(scenario);
            }

            if (scenario.Status != ScenarioStatus.Active)
            {
                continue;
            }

            var windowStart = from > scenario.StartsAt ? from : scenario.StartsAt;
            var windowEnd = scenario.PlannedEnd is { } planned && planned < now ? planned : now;
            if (windowEnd > windowStart)
            {
                scenario.Progress(this, windowStart, windowEnd);
            }

            if (scenario.PlannedEnd is { } end && end <= now)
            {
                Finish(scenario, end, ScenarioStatus.Completed, "duration ran out");
            }
        }

        _alertEngine.Evaluate(from, now);
        _advancedTo = now;
        Flush();
    }

    internal void Finish(Scenario scenario, DateTimeOffset at, ScenarioStatus status, string resolution)
    {
        scenario.Status = status;
        scenario.EndedAt = at;
        scenario.Resolution = resolution;
        scenario.End(this, at);
    }

    internal void Upserted(SimResource r) => _changes.Append(InventoryChangeKind.Upserted, r.Id, r.ToInventory());

    internal void AddResource(SimResource r)
    {
        _resources.Add(r.Id, r);
        Upserted(r);
    }

    internal void RemoveResource(SimResource r)
    {
        _resources.Remove(r.Id);
        _changes.Append(InventoryChangeKind.Deleted, r.Id, null);
    }

    internal void SetHealth(SimResource r, ResourceHealth health, params (string Key, string? Value)[] observed)
    {
        var o = r.Observed;
        foreach (var (key, value) in observed)
        {
            o = value is null ? o.Remove(key) : o.SetItem(key, value);
        }

        if (health == r.Health && ReferenceEquals(o, r.Observed))
        {
            return;
        }

        r.Health = health;
        r.Observed = o;
        Upserted(r);
    }

    internal void Event(DateTimeOffset at, string type, string reason, SimResource r, string message, string source)
    {
        var kind = r.Kind switch
        {
            ResourceKinds.Pod => "Pod",
            ResourceKinds.Node => "Node",
            ResourceKinds.Deployment => "Deployment",
            ResourceKinds.Service => "Service",
            ResourceKinds.Ec2Instance => "Instance",
            ResourceKinds.EbsVolume => "Volume",
            ResourceKinds.AzureVm => "VirtualMachine",
            ResourceKinds.ManagedDisk => "Disk",
            _ => r.Kind,
        };
        var involved = r.Namespace is null ? $"{kind}/{r.Name}" : $"{kind}/{r.Namespace}/{r.Name}";
        _pending.Add(new SimulatedEvent(0, at, type, reason, involved, r.Id, message, source));
    }

    internal void Log(DateTimeOffset at, string resourceId, string level, string message) =>
        _pending.Add(new SimulatedLogLine(0, at, resourceId, level, message));

    internal void Alert(SimulatedAlert alert) => _pending.Add(alert);

    /// <summary>Appends what was emitted in time order (scenarios emit independently), then wakes inventory watchers.</summary>
    internal void Flush()
    {
        foreach (var o in _pending.OrderBy(o => o.Timestamp))
        {
            switch (o)
            {
                case SimulatedAlert a:
                    _alerts.Add(a with { Sequence = _alerts.NextSequence() });
                    break;
                case SimulatedEvent e:
                    _events.Add(e with { Sequence = _events.NextSequence() });
                    break;
                case SimulatedLogLine l:
                    _logs.Add(l with { Sequence = _logs.NextSequence() });
                    break;
                default:
                    break;
            }
        }

        _pending.Clear();
        _changes.Notify();
    }

    internal void Index(Scenario scenario)
    {
        foreach (var key in scenario.IndexKeys)
        {
            if (!_scenarioIndex.TryGetValue(key, out var list))
            {
                _scenarioIndex[key] = list = [];
            }

            if (!list.Contains(scenario))
            {
                list.Add(scenario);
            }
        }
    }

    internal static ImmutableDictionary<string, string> With(ImmutableDictionary<string, string> state, params (string Key, string? Value)[] changes)
    {
        foreach (var (key, value) in changes)
        {
            state = value is null ? state.Remove(key) : state.SetItem(key, value);
        }

        return state;
    }
}
