using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;

namespace AIOps.Simulation.Scenarios;

/// <summary>
/// An injected fault. It changes the estate when it starts, shapes the metrics of the resources it touches while it
/// lasts, emits events and log lines as a real one would, and ends when a remediation fixes it, it is stopped, or its
/// duration runs out. Alerts come from the estate's alert rules evaluated on the resulting metrics.
/// </summary>
internal abstract class Scenario(string id, ScenarioType type, SimResource target, DateTimeOffset startsAt, TimeSpan? duration, double intensity)
{
    private readonly List<string> _affected = [target.Id];

    public string Id { get; } = id;

    public ScenarioType Type { get; } = type;

    public SimResource Target { get; } = target;

    public DateTimeOffset StartsAt { get; } = startsAt;

    public TimeSpan? Duration { get; } = duration;

    public double Intensity { get; } = intensity;

    public ScenarioStatus Status { get; set; } = ScenarioStatus.Scheduled;

    public DateTimeOffset? EndedAt { get; set; }

    public string? Resolution { get; set; }

    public virtual string RootCauseId => Target.Id;

    public IReadOnlyList<string> Affected => _affected;

    public abstract string Description { get; }

    /// <summary>Whether a remediation ends the metric effects too (false for a traffic spike: scaling absorbs it, the traffic stays).</summary>
    public virtual bool ResolutionEndsEffect => true;

    /// <summary>Ids under which the metric model finds this scenario (it looks up a resource's own id, owner and node).</summary>
    public virtual IEnumerable<string> IndexKeys => [Target.Id];

    public DateTimeOffset? PlannedEnd => Duration is { } d ? StartsAt + d : null;

    /// <summary>End of the metric effects.</summary>
    public DateTimeOffset EffectEnd
    {
        get
        {
            var end = PlannedEnd ?? DateTimeOffset.MaxValue;
            if (EndedAt is { } ended && (Status != ScenarioStatus.Resolved || ResolutionEndsEffect) && ended < end)
            {
                end = ended;
            }

            return end;
        }
    }

    public bool IsLive => Status is ScenarioStatus.Scheduled or ScenarioStatus.Active;

    public bool EffectAt(DateTimeOffset t) => Status != ScenarioStatus.Scheduled && t >= StartsAt && t < EffectEnd;

    public GroundTruth GroundTruth => new(Type.Name, RootCauseId, [.. _affected], StartsAt, EndedAt, Description);

    public ScenarioInfo ToInfo() => new(Id, Type.Name, Target.Id, Status, StartsAt, Duration, Intensity, Resolution, GroundTruth);

    /// <summary>The fault begins at <see cref="StartsAt"/>.</summary>
    public abstract void Activate(SimulatedEstate estate);

    /// <summary>Emits what happens in (<paramref name="from"/>, <paramref name="to"/>]: timed events and periodic log lines.</summary>
    public virtual void Progress(SimulatedEstate estate, DateTimeOffset from, DateTimeOffset to)
    {
    }

    /// <summary>The fault ends at <paramref name="at"/> (resolved, stopped or completed): undo what a withdrawn fault would undo.</summary>
    public virtual void End(SimulatedEstate estate, DateTimeOffset at)
    {
    }

    /// <summary>An action was applied; returns how it resolved the fault, or null if it did not.</summary>
    public virtual string? OnAction(SimulatedEstate estate, EstateAction action, DateTimeOffset at) => null;

    /// <summary>Multiplier on a deployment's demand.</summary>
    public virtual double DemandMultiplier(SimResource deployment, DateTimeOffset t) => 1;

    /// <summary>Changes the metric values of a resource this scenario touches.</summary>
    public virtual void Apply(SimResource resource, DateTimeOffset t, ref MetricValues values)
    {
    }

    protected void AddAffected(string resourceId)
    {
        if (!_affected.Contains(resourceId))
        {
            _affected.Add(resourceId);
        }
    }

    /// <summary>Minute boundaries in (<paramref name="from"/>, <paramref name="to"/>], aligned to the Unix epoch.</summary>
    protected static IEnumerable<DateTimeOffset> Minutes(DateTimeOffset from, DateTimeOffset to)
    {
        var first = DateTimeOffset.FromUnixTimeSeconds(((from.ToUnixTimeSeconds() / 60) + 1) * 60);
        for (var t = first; t <= to; t = t.AddMinutes(1))
        {
            yield return t;
        }
    }
}
