using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;

namespace AIOps.Simulation.Scenarios;

/// <summary>
/// Someone resizes a Terraform-managed instance in the console: the instance's observed type (and cost) no longer
/// matches the Terraform state. Resizing it back to the Terraform configuration ends it.
/// </summary>
internal sealed class TerraformDriftScenario(string id, ScenarioType type, SimResource target, DateTimeOffset startsAt, TimeSpan? duration, double intensity)
    : Scenario(id, type, target, startsAt, duration, intensity)
{
    private static readonly string[] Ladder = ["small", "medium", "large", "xlarge", "2xlarge", "4xlarge"];
    private string _declared = "";
    private string _drifted = "";

    public override string Description => $"{Target.Id} changed outside Terraform: instance type {_declared} → {_drifted}.";

    public override void Activate(SimulatedEstate estate)
    {
        var address = estate.TerraformAddressOf(Target)!;
        AddAffected(address.Id);
        _declared = address.Desired["instance_type"];
        var family = _declared[.._declared.IndexOf('.', StringComparison.Ordinal)];
        var step = Array.IndexOf(Ladder, _declared[(family.Length + 1)..]);
        _drifted = Enumerable.Range(1, Ladder.Length)
            .Select(i => $"{family}.{Ladder[Math.Min(Ladder.Length - 1, step + (i * (int)Intensity))]}")
            .FirstOrDefault(s => s != _declared && estate.Prices.IsKnownSize(Target.Kind, s))
            ?? (_declared == "m5.4xlarge" ? "m5.2xlarge" : "m5.4xlarge");
        estate.SetMachineSize(Target, _drifted, StartsAt);
        Target.Tags = Target.Tags.SetItem("last-modified-by", "alice@example.com");
        estate.Upserted(Target);
        var account = "123456789012";
        estate.Event(StartsAt, "Normal", "StopInstances", Target, $"StopInstances {Target.Name} by arn:aws:iam::{account}:user/alice", "cloudtrail");
        estate.Event(StartsAt, "Normal", "ModifyInstanceAttribute", Target, $"ModifyInstanceAttribute {Target.Name} instanceType {_declared} -> {_drifted} by arn:aws:iam::{account}:user/alice", "cloudtrail");
        estate.Event(StartsAt, "Normal", "StartInstances", Target, $"StartInstances {Target.Name} by arn:aws:iam::{account}:user/alice", "cloudtrail");
        estate.Log(StartsAt, Target.Id, "INFO", $"CloudTrail eventName=ModifyInstanceAttribute eventSource=ec2.amazonaws.com userIdentity=arn:aws:iam::{account}:user/alice instanceId={Target.Name} instanceType={_drifted} sourceIPAddress=203.0.113.24 userAgent=console.amazonaws.com");
    }

    public override string? OnAction(SimulatedEstate estate, EstateAction action, DateTimeOffset at) =>
        action is ResizeAction r && r.ResourceId == Target.Id && r.Size == _declared ? $"{Target.Id} resized back to {_declared} as declared in Terraform" : null;

    public override void End(SimulatedEstate estate, DateTimeOffset at)
    {
        if (Status == ScenarioStatus.Stopped && Target.Observed.GetValueOrDefault("instanceType") == _drifted && estate.Find(Target.Id) is not null)
        {
            estate.SetMachineSize(Target, _declared, at);
        }
    }
}
