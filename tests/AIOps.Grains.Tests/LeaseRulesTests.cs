using AIOps.Abstractions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Resources;

namespace AIOps.Grains.Tests;

public sealed class LeaseRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static LeaseRequest Request(string action, int priority, int seconds = 60) => new(action, "agent-" + action, priority, TimeSpan.FromSeconds(seconds));

    private static ResourceLease Held(string action, int priority, bool executing = false, int secondsLeft = 30) =>
        new(action, "agent-" + action, priority, Now.AddSeconds(-10), Now.AddSeconds(secondsLeft), executing);

    [Fact]
    public void AFreeOrExpiredResourceIsGranted()
    {
        Assert.Equal(LeaseOutcome.Granted, LeaseRules.Decide(null, Request("a", 1), Now).Outcome);
        var expired = LeaseRules.Decide(Held("old", 9, executing: true, secondsLeft: 0), Request("a", 1), Now);
        Assert.Equal((LeaseOutcome.Granted, "a"), (expired.Outcome, expired.Lease!.ActionId));
        Assert.Contains("expired", expired.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHolderRenewsItsOwnLease()
    {
        var result = LeaseRules.Decide(Held("a", 1, secondsLeft: 5), Request("a", 1, seconds: 60), Now);
        Assert.Equal((LeaseOutcome.Granted, Now.AddSeconds(60)), (result.Outcome, result.Lease!.ExpiresAt));
    }

    [Fact]
    public void AHigherPriorityPreemptsAHolderThatHasNotStarted()
    {
        var result = LeaseRules.Decide(Held("cost", 1), Request("incident", 4), Now);
        Assert.Equal(LeaseOutcome.GrantedByPreemption, result.Outcome);
        Assert.Equal(("incident", "cost"), (result.Lease!.ActionId, result.Preempted!.ActionId));
    }

    [Fact]
    public void NobodyPreemptsAnExecutingHolder()
    {
        var result = LeaseRules.Decide(Held("cost", 1, executing: true), Request("incident", 4), Now);
        Assert.Equal((LeaseOutcome.Refused, "cost"), (result.Outcome, result.Lease!.ActionId));
        Assert.Contains("is executing", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void AnEqualOrLowerPriorityIsRefused(int priority)
    {
        var result = LeaseRules.Decide(Held("tf", 2), Request("cost", priority), Now);
        Assert.Equal((LeaseOutcome.Refused, "tf"), (result.Outcome, result.Lease!.ActionId));
    }

    [Fact]
    public void BadRequestsNameTheirFields()
    {
        var error = Assert.Throws<ValidationException>(() => LeaseRules.Validate(new LeaseRequest("", "", 1, TimeSpan.FromDays(1))));
        Assert.Equal(["actionId", "agentId", "duration"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheDefaultPriorityOrderPutsIncidentResponseFirstAndCostLast()
    {
        var policy = PlatformPolicy.Default;
        var order = Enum.GetValues<AgentType>().OrderByDescending(policy.PriorityOf).ToArray();
        Assert.Equal([AgentType.IncidentResponse, AgentType.Kubernetes, AgentType.Terraform, AgentType.CostOptimization], order);
        var custom = policy with { PriorityOrder = [AgentType.CostOptimization] };
        Assert.True(custom.PriorityOf(AgentType.CostOptimization) > custom.PriorityOf(AgentType.IncidentResponse));
    }
}
