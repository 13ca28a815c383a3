using System.Globalization;
using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Metrics;
using AIOps.Simulation.Randomness;

namespace AIOps.Simulation.Scenarios;

/// <summary>A new revision with a defect is rolled out: its pods fail a share of requests until rolled back.</summary>
internal sealed class BadDeployScenario(string id, ScenarioType type, SimResource target, DateTimeOffset startsAt, TimeSpan? duration, double intensity)
    : Scenario(id, type, target, startsAt, duration, intensity)
{
    private string _badImage = "";
    private string? _service;

    public override string Description => $"Bad deploy of {_badImage} to {Target.Id}: error ratio jumps.";

    public override void Activate(SimulatedEstate estate)
    {
        var current = Target.Desired["image"];
        var colon = current.LastIndexOf(':');
        var version = current[(colon + 1)..].Split('.', '-');
        var patch = int.TryParse(version.Length > 2 ? version[2] : "0", NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p + 1 : 1;
        _badImage = $"{current[..colon]}:{version[0]}.{(version.Length > 1 ? version[1] : "0")}.{patch}";
        var revision = Target.Revisions.Max(x => x.Key) + 1;
        Target.Revisions.Add(new(revision, _badImage));
        var rev = revision.ToString(CultureInfo.InvariantCulture);
        Target.Desired = SimulatedEstate.With(Target.Desired, ("image", _badImage), ("revision", rev));
        Target.Observed = SimulatedEstate.With(Target.Observed, ("image", _badImage), ("revision", rev));
        estate.Log(StartsAt, Target.Id, "INFO", $"deploy pipeline: rolling out {_badImage} to {Target.Namespace}/{Target.Name} (revision {rev})");
        foreach (var changed in estate.RolloutPods(Target, StartsAt))
        {
            if (estate.Find(changed) is { Kind: ResourceKinds.Pod })
            {
                AddAffected(changed);
            }
        }

        _service = estate.AllResources.FirstOrDefault(r => r.Kind == ResourceKinds.Service && r.Dependencies.Contains(Target.Id))?.Id;
        if (_service is not null)
        {
            AddAffected(_service);
        }
    }

    public override IEnumerable<string> IndexKeys => [Target.Id, .. _service is null ? Array.Empty<string>() : [_service]];

    public override void Progress(SimulatedEstate estate, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var minute in Minutes(from, to))
        {
            if (minute >= EffectEnd)
            {
                break;
            }

            foreach (var pod in estate.PodsOf(Target).Where(p => p.Desired["image"] == _badImage))
            {
                var h = SeedHash.Combine(pod.Hash, (ulong)minute.ToUnixTimeSeconds());
                estate.Log(minute, pod.Id, "ERROR", $"Unhandled exception processing POST /api/{Target.Name}/orders request_id={h % 0xFFFFFFFF:x8}: System.NullReferenceException: Object reference not set to an instance of an object. at {Pascal(Target.Name)}.Handlers.PromotionHandler.Apply(Order order) line {120 + (int)(h % 3)}");
                estate.Log(minute, pod.Id, "INFO", $"HTTP POST /api/{Target.Name}/orders responded 500 in {40 + (int)(h % 60)} ms");
            }
        }
    }

    public override string? OnAction(SimulatedEstate estate, EstateAction action, DateTimeOffset at) =>
        action is RollbackAction r && r.ResourceId == Target.Id && Target.Desired["image"] != _badImage
            ? $"rollback of {Target.Id} to {Target.Desired["image"]}"
            : null;

    public override void End(SimulatedEstate estate, DateTimeOffset at)
    {
        if (Status == ScenarioStatus.Stopped && Target.Desired["image"] == _badImage)
        {
            var previous = Target.Revisions.Last(x => x.Value != _badImage);
            var revision = (Target.Revisions.Max(x => x.Key) + 1).ToString(CultureInfo.InvariantCulture);
            Target.Desired = SimulatedEstate.With(Target.Desired, ("image", previous.Value), ("revision", revision));
            Target.Observed = SimulatedEstate.With(Target.Observed, ("image", previous.Value), ("revision", revision));
            estate.RolloutPods(Target, at);
        }
    }

    public override void Apply(SimResource resource, DateTimeOffset t, ref MetricValues values)
    {
        if (!EffectAt(t))
        {
            return;
        }

        if (resource.Kind == ResourceKinds.Pod && resource.Desired["image"] != _badImage)
        {
            return;
        }

        values.ErrorRatio += 0.25 * Intensity;
        values.Latency *= 1.3;
    }

    private static string Pascal(string name) => string.Concat(name.Split('-').Select(s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..]));
}
