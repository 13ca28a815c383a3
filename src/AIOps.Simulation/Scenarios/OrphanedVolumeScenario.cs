using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;

namespace AIOps.Simulation.Scenarios;

/// <summary>A machine is terminated without its volume (DeleteOnTermination off): the volume stays, unattached and billed. Deleting it ends it.</summary>
internal sealed class OrphanedVolumeScenario(string id, ScenarioType type, SimResource target, DateTimeOffset startsAt, TimeSpan? duration, double intensity)
    : Scenario(id, type, target, startsAt, duration, intensity)
{
    private SimResource? _volume;

    public override string RootCauseId => _volume?.Id ?? Target.Id;

    public override string Description => $"Volume {_volume?.Id} left unattached after {Target.Id} was terminated.";

    public override void Activate(SimulatedEstate estate)
    {
        _volume = Target.Dependencies.Select(estate.Find).OfType<SimResource>().First(v => ResourceKinds.IsVolume(v.Kind));
        AddAffected(_volume.Id);
        var aws = Target.Provider == "aws";
        estate.Event(StartsAt, "Normal", aws ? "TerminateInstances" : "Microsoft.Compute/virtualMachines/delete", Target, $"{Target.Name} terminated by arn:aws:iam::123456789012:user/ci-cleanup", aws ? "cloudtrail" : "azure-activity-log");
        estate.Terminate(Target, StartsAt);
        _volume.Observed = aws
            ? SimulatedEstate.With(_volume.Observed, ("state", "available"), ("attachedTo", null))
            : SimulatedEstate.With(_volume.Observed, ("diskState", "Unattached"), ("managedBy", null));
        _volume.Desired = _volume.Observed;
        estate.Upserted(_volume);
        estate.Event(StartsAt, "Normal", aws ? "DetachVolume" : "Microsoft.Compute/disks/write", _volume, $"Volume {_volume.Name} detached from {Target.Name}; state {(aws ? "available" : "Unattached")}", aws ? "cloudtrail" : "azure-activity-log");
    }

    public override string? OnAction(SimulatedEstate estate, EstateAction action, DateTimeOffset at) =>
        action is DeleteAction d && d.ResourceId == _volume?.Id ? $"orphaned volume {_volume.Id} deleted" : null;
}
