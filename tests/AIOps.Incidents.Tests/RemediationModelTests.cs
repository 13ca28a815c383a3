using AIOps.Abstractions;
using AIOps.Grains.Runbooks;
using AIOps.Incidents.Models;
using AIOps.Incidents.Remediation;
using Microsoft.Extensions.Time.Testing;

namespace AIOps.Incidents.Tests;

public sealed class RemediationModelTests
{
    [Fact]
    public async Task TheModelTrainsOnColdStartOutcomesAndItsCrossValidatedMetricsAreStoredWithTheVersion()
    {
        var outcomes = await RemediationColdStart.GenerateAsync(targetsPerType: 3);
        Assert.Contains(outcomes, o => o.Success);
        Assert.Contains(outcomes, o => !o.Success);

        var (model, metrics) = RemediationModel.Train(outcomes);
        var store = new InMemoryModelStore(new FakeTimeProvider());
        var version = await store.SaveAsync(RemediationModel.Name, model.Serialize(), RemediationModel.TrainerName, outcomes.Count, metrics);
        var loaded = await store.LoadLatestAsync(RemediationModel.Name);

        Assert.NotNull(loaded);
        Assert.Equal(5, loaded.Value.Version.Metrics.Folds);
        Assert.Equal(["success", "failure"], loaded.Value.Version.Metrics.Classes.Select(c => c.Label));
        Assert.Equal(outcomes.Count, loaded.Value.Version.Metrics.Classes.Sum(c => c.Support));
        Assert.True(metrics.Accuracy > 0.8, $"accuracy {metrics.Accuracy}");
        var reloaded = RemediationModel.Load(loaded.Value.Model, version);
        var right = reloaded.Predict(new RemediationFeatures("node-failure", "node-failure", "restart", "node", "production", 0));
        var wrong = reloaded.Predict(new RemediationFeatures("bad-deploy", "memory-leak", "restart", "deployment", "production", 0));
        Assert.True(right > 0.8, $"right pairing {right}");
        Assert.True(wrong < 0.5, $"wrong pairing {wrong}");
        Assert.Equal(right, model.Predict(new RemediationFeatures("node-failure", "node-failure", "restart", "node", "production", 0)), 5);
    }

    [Theory]
    [InlineData(RiskLevel.Medium, 0.9, RiskLevel.Medium)]
    [InlineData(RiskLevel.Medium, 0.7, RiskLevel.High)]
    [InlineData(RiskLevel.Low, 0.3, RiskLevel.High)]
    [InlineData(RiskLevel.High, 0.1, RiskLevel.Critical)]
    [InlineData(RiskLevel.Low, null, RiskLevel.Low)]
    public void ALowPredictedSuccessRaisesTheRisk(RiskLevel baseRisk, double? predicted, RiskLevel expected) =>
        Assert.Equal(expected, RemediationRisk.Adjust(baseRisk, predicted));
}
