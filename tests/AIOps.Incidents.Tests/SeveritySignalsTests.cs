using AIOps.Abstractions;
using AIOps.Incidents.Impact;
using AIOps.Incidents.Training;
using AIOps.Simulation.Scenarios;

namespace AIOps.Incidents.Tests;

public sealed class SeveritySignalsTests
{
    [Theory]
    [InlineData("prod", DeploymentEnvironment.Production)]
    [InlineData("Production", DeploymentEnvironment.Production)]
    [InlineData("stg", DeploymentEnvironment.Staging)]
    [InlineData("uat", DeploymentEnvironment.Staging)]
    [InlineData("dev", DeploymentEnvironment.Development)]
    [InlineData("sandbox", DeploymentEnvironment.Development)]
    [InlineData("blue", DeploymentEnvironment.Unknown)]
    [InlineData(null, DeploymentEnvironment.Unknown)]
    public void EnvironmentTagsAreRecognisedInTheirUsualSpellings(string? value, DeploymentEnvironment expected) =>
        Assert.Equal(expected, SeveritySignals.ParseEnvironment(value));

    [Fact]
    public void AlertNamesAndLabelsGiveTheSignalsAndTheMostImportantEnvironmentWins()
    {
        var evidence = ClassificationCatalogTests.Evidence(
            [
                ClassificationCatalogTests.Alert("KubeNodeNotReady", ("env", "staging")) with { Severity = Severity.Critical, ResourceId = "node-1" },
                ClassificationCatalogTests.Alert("HighLatency", ("env", "prod")) with { ResourceId = "svc-1" },
                ClassificationCatalogTests.Alert("CheckoutAvailability", ("slo", "checkout-availability")) with { ResourceId = "svc-1" },
            ],
            [],
            [],
            ["node", "service"]);
        var input = SeveritySignals.From(evidence, transitiveDependents: 9);
        Assert.Equal(new SeverityInput(2, 9, DeploymentEnvironment.Production, Severity.Critical, AvailabilityLost: true, ErrorObjectiveBreached: true, LatencyObjectiveBreached: true), input);
    }

    [Fact]
    public void ResolvedAlertsDoNotCountWhileOthersStillFire()
    {
        var evidence = ClassificationCatalogTests.Evidence(
            [
                ClassificationCatalogTests.Alert("TargetDown") with { Severity = Severity.Critical, EndsAt = DateTimeOffset.UnixEpoch },
                ClassificationCatalogTests.Alert("DiskSpaceLow"),
            ],
            [],
            [],
            []);
        var input = SeveritySignals.From(evidence, 0, DeploymentEnvironment.Production);
        Assert.Equal((Severity.Medium, false), (input.HighestSourceSeverity, input.AvailabilityLost));
    }

    [Fact]
    public void SimulatedIncidentsInProductionRankAsAnOperatorWouldExpect()
    {
        var options = new SimulationTrainingOptions { RunsPerType = 2 };
        Severity Assess(string type, int dependents) =>
            SeverityAssessor.Assess(SeveritySignals.From(SimulationTrainingData.Simulate(type, 7300, 0, options, MinedTemplates.Of)[^1].Evidence, dependents, DeploymentEnvironment.Production)).Severity;

        Assert.Equal(Severity.Critical, Assess(ScenarioCatalog.NodeFailure, 8));
        Assert.Equal(Severity.Critical, Assess(ScenarioCatalog.BadDeploy, 1));
        Assert.Equal(Severity.Low, Assess(ScenarioCatalog.IdleResource, 0));
        Assert.Equal(Severity.Low, Assess(ScenarioCatalog.OrphanedVolume, 0));
        Assert.Equal(Severity.Medium, Assess(ScenarioCatalog.CostSpike, 0));
    }
}
