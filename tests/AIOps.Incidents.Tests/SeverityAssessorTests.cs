using AIOps.Abstractions;
using AIOps.Incidents.Impact;

namespace AIOps.Incidents.Tests;

public sealed class SeverityAssessorTests
{
    [Theory]
    [InlineData(DeploymentEnvironment.Production, Severity.Critical)]
    [InlineData(DeploymentEnvironment.Unknown, Severity.Critical)]
    [InlineData(DeploymentEnvironment.Staging, Severity.Medium)]
    [InlineData(DeploymentEnvironment.Development, Severity.Low)]
    public void ANodeDownWithItsPodsIsCriticalInProductionAndLessElsewhere(DeploymentEnvironment environment, Severity expected)
    {
        var result = SeverityAssessor.Assess(new SeverityInput(1, 12, environment, Severity.Critical, AvailabilityLost: true));
        Assert.Equal(expected, result.Severity);
        Assert.Contains(result.Reasons, r => r.StartsWith("availability lost", StringComparison.Ordinal));
        Assert.Contains(result.Reasons, r => r.StartsWith("blast radius 13 resources (1 affected, 12 dependent)", StringComparison.Ordinal));
    }

    [Fact]
    public void ABadDeployFailingAThirdOfRequestsInProductionIsCritical()
    {
        var result = SeverityAssessor.Assess(new SeverityInput(4, 2, DeploymentEnvironment.Production, Severity.Critical, ErrorObjectiveBreached: true, ErrorRatio: 0.3));
        Assert.Equal(Severity.Critical, result.Severity);
        Assert.Contains("30% of requests failing: 25 points", result.Reasons);
    }

    [Fact]
    public void AnIdleMachineWithoutAlertsIsLowAndACostSpikeWarningIsMedium()
    {
        Assert.Equal(Severity.Low, SeverityAssessor.Assess(new SeverityInput(1, 0, DeploymentEnvironment.Production, Severity.Low)).Severity);
        Assert.Equal(Severity.Medium, SeverityAssessor.Assess(new SeverityInput(1, 0, DeploymentEnvironment.Production, Severity.Medium)).Severity);
    }

    [Fact]
    public void ADiskFillingUpIsMediumAndBecomesHighWhenFullAndCriticalWhenServiceIsLost()
    {
        var low = SeverityAssessor.Assess(new SeverityInput(2, 0, DeploymentEnvironment.Production, Severity.Medium));
        var full = SeverityAssessor.Assess(new SeverityInput(2, 0, DeploymentEnvironment.Production, Severity.Critical));
        var down = SeverityAssessor.Assess(new SeverityInput(2, 0, DeploymentEnvironment.Production, Severity.Critical, AvailabilityLost: true));
        Assert.Equal((Severity.Medium, Severity.High, Severity.Critical), (low.Severity, full.Severity, down.Severity));
        Assert.True(low.Score < full.Score && full.Score < down.Score);
    }

    [Fact]
    public void MoreDependentsNeverLowerTheScoreAndTheBlastRadiusIsCapped()
    {
        var scores = new[] { 0, 1, 5, 30, 1_000, 100_000 }
            .Select(d => SeverityAssessor.Assess(new SeverityInput(1, d, DeploymentEnvironment.Production, Severity.Medium)).Score)
            .ToList();
        Assert.Equal(scores.Order(), scores);
        Assert.Equal(scores[^2], scores[^1]);
        Assert.Equal(0.50, scores[^1], 6);
    }

    [Fact]
    public void SloSignalsAreCappedSoTheyCannotOutweighEverythingElse()
    {
        var all = SeverityAssessor.Assess(new SeverityInput(1, 0, DeploymentEnvironment.Production, Severity.Low, true, true, true));
        Assert.Equal((10 + 8 + 30) / 100.0, all.Score, 6);
        Assert.Equal(Severity.Medium, all.Severity);
        Assert.Contains(all.Reasons, r => r.StartsWith("SLO signals capped at 30 points (of 55)", StringComparison.Ordinal));
    }

    [Fact]
    public void AMeasuredErrorRatioBelowOnePercentAddsNothingUnlessAnAlertSaysTheObjectiveIsBreached()
    {
        var quiet = SeverityAssessor.Assess(new SeverityInput(1, 0, DeploymentEnvironment.Production, Severity.Medium, ErrorRatio: 0.002));
        var alerted = SeverityAssessor.Assess(new SeverityInput(1, 0, DeploymentEnvironment.Production, Severity.Medium, ErrorObjectiveBreached: true, ErrorRatio: 0.002));
        Assert.Equal(0.33, quiet.Score, 6);
        Assert.Equal(0.53, alerted.Score, 6);
    }

    [Fact]
    public void ImpossibleInputsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeverityAssessor.Assess(new SeverityInput(-1, 0, DeploymentEnvironment.Production, Severity.Low)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeverityAssessor.Assess(new SeverityInput(1, 0, DeploymentEnvironment.Production, Severity.Low, ErrorRatio: 1.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeverityAssessor.Assess(new SeverityInput(1, 0, DeploymentEnvironment.Production, Severity.Low, ErrorRatio: double.NaN)));
    }
}
