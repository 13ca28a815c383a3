using System.Collections.Immutable;
using AIOps.Abstractions.Resources;
using AIOps.Estate.Inventory;
using AIOps.Simulation.Randomness;

namespace AIOps.Simulation.Estate;

/// <summary>One resource of the simulated estate, mutable under the estate's lock.</summary>
internal sealed class SimResource
{
    private ImmutableSortedDictionary<string, string>? _labels;

    public SimResource(string id, string provider, string kind, string name, string location, ImmutableDictionary<string, string> tags, MetricProfile profile)
    {
        Id = id;
        Provider = provider;
        Kind = kind;
        Name = name;
        Location = location;
        Tags = tags;
        Profile = profile;
        Hash = SeedHash.Of(id);
    }

    public string Id { get; }

    public string Provider { get; }

    public string Kind { get; }

    public string Name { get; }

    public string Location { get; }

    public ulong Hash { get; }

    public MetricProfile Profile { get; }

    public ImmutableDictionary<string, string> Tags { get; set; }

    public ImmutableDictionary<string, string> Desired { get; set; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> Observed { get; set; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableArray<string> Dependencies { get; set; } = [];

    public ResourceHealth Health { get; set; } = ResourceHealth.Healthy;

    /// <summary>When it came into existence; null for resources generated with the estate.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Cost per hour when generated, the baseline for cost anomalies.</summary>
    public decimal BaselineCost { get; set; }

    /// <summary>Cluster of a Kubernetes resource.</summary>
    public string? Cluster { get; init; }

    /// <summary>Namespace of a namespaced Kubernetes resource.</summary>
    public string? Namespace { get; init; }

    /// <summary>Pods: the owning deployment's id.</summary>
    public string? OwnerId { get; set; }

    /// <summary>Pods: the node's id.</summary>
    public string? NodeId { get; set; }

    /// <summary>Deployments: revision number → image, oldest first.</summary>
    public List<KeyValuePair<int, string>> Revisions { get; } = [];

    public List<ResourcePhase> Phases { get; } = [];

    public ResourcePhase Current => Phases[^1];

    public decimal CostPerHour => Current.CostPerHour;

    public ResourcePhase PhaseAt(DateTimeOffset at)
    {
        for (var i = Phases.Count - 1; i > 0; i--)
        {
            if (Phases[i].At <= at)
            {
                return Phases[i];
            }
        }

        return Phases[0];
    }

    /// <summary>Starts a new phase (replacing one that starts at the same instant).</summary>
    public void SetPhase(ResourcePhase phase)
    {
        if (Phases.Count > 1 && Phases[^1].At == phase.At)
        {
            Phases[^1] = phase;
        }
        else
        {
            Phases.Add(phase);
        }
    }

    public bool ExistsAt(DateTimeOffset at) => CreatedAt is not { } created || created <= at;

    public string Team => Tags.GetValueOrDefault("team", "");

    public string Env => Tags.GetValueOrDefault("env", "");

    public ImmutableSortedDictionary<string, string> Labels
    {
        get
        {
            if (_labels is null)
            {
                var b = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                b["resource_id"] = Id;
                b["provider"] = Provider;
                b["kind"] = Kind;
                b["team"] = Team;
                b["env"] = Env;
                if (Cluster is not null)
                {
                    b["cluster"] = Cluster;
                }

                if (Namespace is not null)
                {
                    b["namespace"] = Namespace;
                }

                _labels = b.ToImmutable();
            }

            return _labels;
        }
    }

    public ResourceSpec ToSpec() => new(Provider, Kind, Name, Location, Tags, Desired, Dependencies, CostPerHour);

    public InventoryResource ToInventory() => new(Id, ToSpec(), Observed, Health);
}
