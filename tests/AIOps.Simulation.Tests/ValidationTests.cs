using AIOps.Simulation.Actions;
using AIOps.Simulation.Estate;
using AIOps.Simulation.Scenarios;

namespace AIOps.Simulation.Tests;

public sealed class ValidationTests
{
    private static string Fingerprint(TestEstate t) =>
        string.Join('\n', t.Estate.Resources().Select(r => $"{r.Id}|{r.Health}|{r.Spec.CostPerHour}|{string.Join(',', r.Observed.OrderBy(k => k.Key))}|{string.Join(',', r.Spec.Dependencies)}"));

    [Theory]
    [InlineData("volcano", null, null, "type")]
    [InlineData("memory-leak", "k8s:nowhere:deployment/x/y", null, "targetId")]
    [InlineData("memory-leak", null, 500.0, "intensity")]
    [InlineData("memory-leak", null, -1.0, "intensity")]
    [InlineData("node-failure", "FIRST-DEPLOYMENT", null, "targetId")]
    [InlineData("terraform-drift", "FIRST-AZURE-VM", null, "targetId")]
    public async Task BadScenarioRequestsFailOnTheRightFieldAndLeaveTheEstateUntouched(string type, string? target, double? intensity, string field)
    {
        var t = new TestEstate();
        target = target switch
        {
            "FIRST-DEPLOYMENT" => t.OfKind(ResourceKinds.Deployment).First().Id,
            "FIRST-AZURE-VM" => t.OfKind(ResourceKinds.AzureVm).First().Id,
            _ => target,
        };
        var before = Fingerprint(t);
        var cursor = (await t.Estate.InventoryProvider.ListAsync(CancellationToken.None)).Cursor;
        var error = Assert.Throws<ScenarioValidationException>(() => t.Estate.StartScenario(new ScenarioRequest(type, target, Intensity: intensity)));
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(before, Fingerprint(t));
        Assert.Empty(t.Estate.Scenarios());
        Assert.Equal(cursor, (await t.Estate.InventoryProvider.ListAsync(CancellationToken.None)).Cursor);
    }

    [Fact]
    public void ScenarioStartingInThePastOrWithANegativeDurationIsRejected()
    {
        var t = new TestEstate();
        Assert.Equal("startAt", Assert.Throws<ScenarioValidationException>(() => t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.CostSpike, StartAt: t.Now.AddMinutes(-1)))).Field);
        Assert.Equal("duration", Assert.Throws<ScenarioValidationException>(() => t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.CostSpike, Duration: TimeSpan.FromMinutes(-5)))).Field);
    }

    [Fact]
    public void SecondScenarioOnTheSameTargetIsRejectedWhileTheFirstIsLive()
    {
        var t = new TestEstate();
        var first = t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.IdleResource));
        Assert.Equal("targetId", Assert.Throws<ScenarioValidationException>(() => t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.CostSpike, first.TargetId))).Field);
        t.Estate.StopScenario(first.Id);
        t.Estate.StartScenario(new ScenarioRequest(ScenarioCatalog.CostSpike, first.TargetId));
    }

    [Fact]
    public void InvalidActionsFailOnTheRightFieldAndLeaveTheEstateUntouched()
    {
        var t = new TestEstate();
        var deployment = t.OfKind(ResourceKinds.Deployment).First().Id;
        var vm = t.OfKind(ResourceKinds.AzureVm).First().Id;
        var attached = t.OfKind(ResourceKinds.EbsVolume).First().Id;
        var before = Fingerprint(t);
        var cases = new (EstateAction Action, string Field)[]
        {
            (new ScaleAction("k8s:nowhere:deployment/a/b", 3), "resourceId"),
            (new ScaleAction(deployment, -1), "replicas"),
            (new ScaleAction(deployment, 10_000), "replicas"),
            (new ScaleAction(vm, 2), "resourceId"),
            (new ResizeAction(vm, "m5.large"), "size"),
            (new ResizeAction(vm, "Standard_Z99"), "size"),
            (new ResizeAction(attached, "1"), "size"),
            (new DeleteAction(attached), "resourceId"),
            (new StopAction(deployment), "resourceId"),
            (new RollbackAction(deployment, 123456), "revision"),
        };
        foreach (var (action, field) in cases)
        {
            var error = Assert.Throws<ActionValidationException>(() => t.Estate.Apply(action));
            Assert.Equal(field, error.Field);
        }

        Assert.Equal(before, Fingerprint(t));
    }

    [Fact]
    public void EveryScenarioTypeCanStartOnTheDefaultEstateWithoutATarget()
    {
        var t = new TestEstate();
        foreach (var type in ScenarioCatalog.Types.Keys.Order(StringComparer.Ordinal))
        {
            var info = t.Estate.StartScenario(new ScenarioRequest(type));
            Assert.Equal(ScenarioStatus.Active, info.Status);
            Assert.Equal(type, info.GroundTruth.ScenarioType);
            Assert.NotEmpty(info.GroundTruth.AffectedIds);
        }
    }
}
