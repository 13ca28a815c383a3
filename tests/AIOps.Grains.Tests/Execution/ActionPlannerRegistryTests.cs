using AIOps.Grains.Execution;
using static AIOps.Grains.Tests.Execution.ExecutionKit;

namespace AIOps.Grains.Tests.Execution;

public sealed class ActionPlannerRegistryTests
{
    private static ActionPlannerRegistry Registry()
    {
        var registry = new ActionPlannerRegistry();
        registry.Register("scale", action => new ActionPlan([new FakeStep("scale " + action.TargetResources[0])]));
        registry.Register("restart", _ => new ActionPlan([new FakeStep("restart")]));
        return registry;
    }

    [Fact]
    public void ThePlannerOfTheActionsTypeMakesItsPlan()
    {
        var plan = Registry().Plan(Action(type: "Scale"));

        Assert.Equal("scale k8s:prod:deployment/shop/cart", plan.Steps.Single().Name);
    }

    [Fact]
    public void AnUnknownActionTypeGivesAClearError()
    {
        var error = Assert.Throws<UnknownActionTypeException>(() => Registry().Plan(Action(type: "terraform-apply")));

        Assert.Equal("terraform-apply", error.ActionType);
        Assert.Equal("no planner is registered for action type 'terraform-apply'; registered types: restart, scale.", error.Message);
        Assert.False(Registry().IsRegistered("terraform-apply"));
        Assert.True(Registry().IsRegistered("restart"));
    }

    [Fact]
    public void ASecondPlannerForTheSameTypeIsRefused()
    {
        var registry = Registry();

        var error = Assert.Throws<ArgumentException>(() => registry.Register("SCALE", _ => new ActionPlan([new FakeStep("x")])));

        Assert.Contains("'SCALE' is registered already", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlannersComeInThroughTheConstructorAsWell()
    {
        var registry = new ActionPlannerRegistry([new RestartPlanner()]);

        Assert.Equal(["restart"], registry.ActionTypes);
        Assert.Equal("restart-pods", registry.Plan(Action(type: "restart")).Steps.Single().Name);
    }

    [Fact]
    public void APlanNeedsStepsWithUniqueNames()
    {
        Assert.Throws<ArgumentException>(() => new ActionPlan([]));
        var duplicate = Assert.Throws<ArgumentException>(() => new ActionPlan([new FakeStep("a"), new FakeStep("a")]));
        Assert.Contains("'a' is used more than once", duplicate.Message, StringComparison.Ordinal);
    }

    private sealed class RestartPlanner : IActionPlanner
    {
        public string ActionType => "restart";

        public ActionPlan Plan(Abstractions.Actions.AgentAction action) => new([new FakeStep("restart-pods")]);
    }
}
