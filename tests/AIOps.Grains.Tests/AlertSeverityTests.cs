using AIOps.Abstractions;
using AIOps.Abstractions.Alerts;
using AIOps.Grains.Simulation;

namespace AIOps.Grains.Tests;

/// <summary>One severity vocabulary for every alert source.</summary>
public sealed class AlertSeverityTests
{
    [Theory]
    [InlineData("critical", Severity.Critical)]
    [InlineData("PAGE", Severity.Critical)]
    [InlineData("error", Severity.High)]
    [InlineData(" major ", Severity.High)]
    [InlineData("warning", Severity.Medium)]
    [InlineData("Warn", Severity.Medium)]
    [InlineData("info", Severity.Low)]
    [InlineData("none", Severity.Low)]
    public void SourceWordsMapToOneSeverity(string word, Severity expected)
    {
        Assert.Equal(expected, AlertSeverity.Parse(word));

        // The simulated estate's alerts read their severity label the same way as a real Alertmanager's.
        Assert.Equal(expected, SimulationSignals.SeverityOf(word));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("disaster")]
    public void UnknownWordsAreNotGuessed(string? word)
    {
        Assert.Null(AlertSeverity.Parse(word));
        Assert.Equal(Severity.Medium, SimulationSignals.SeverityOf(word!));
    }
}
