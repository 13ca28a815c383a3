using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Incidents.Classification;
using AIOps.Incidents.Evidence;
using AIOps.Incidents.Training;
using AIOps.Simulation.Scenarios;

namespace AIOps.Incidents.Tests;

public sealed class ClassificationCatalogTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> SimulatedTypes() => [.. ScenarioCatalog.Types.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(SimulatedTypes))]
    public void EachSimulatedIncidentIsMatchedToItsTypeFirstWithAnExplanation(string type)
    {
        var options = new SimulationTrainingOptions { RunsPerType = 2 };
        foreach (var run in Enumerable.Range(0, 2))
        {
            var final = SimulationTrainingData.Simulate(type, 7100 + (ulong)run, run, options, MinedTemplates.Of)[^1];
            var matches = IncidentTypeCatalog.Default.Match(final.Evidence);
            Assert.NotEmpty(matches);
            Assert.Equal(type, matches[0].Type);
            Assert.True(matches[0].Score >= 0.5, $"{type}: {matches[0].Explanation}");
            Assert.NotEmpty(matches[0].Matched);
            Assert.All(matches[0].Matched, m => Assert.Contains(m, matches[0].Explanation, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("certificate-expiry", "SslCertificateWillExpireSoon", "probe_success=<*> x509: certificate has expired or is not yet valid: current time <*> is after <*>", "")]
    [InlineData("database-connection-exhaustion", "PostgresqlTooManyConnections", "FATAL: sorry, too many clients already", "")]
    [InlineData("dns-failure", "CoreDNSErrorsHigh", "dial tcp: lookup orders.shop.svc.cluster.local on <*>: no such host", "")]
    [InlineData("oom-killed", "KubernetesContainerOomKiller", "Memory cgroup out of memory: Killed process <*> (java)", "OOMKilling")]
    [InlineData("crash-loop-config", "KubePodCrashLooping", "panic: failed to load config: missing required field \"database.url\"", "BackOff")]
    public void RealWorldTypesAreMatchedFromTheirUsualAlertsAndLogs(string type, string alert, string template, string reason)
    {
        var evidence = Evidence([Alert(alert)], [template], reason.Length == 0 ? [] : [reason], ["pod"]);
        var matches = IncidentTypeCatalog.Default.Match(evidence);
        Assert.Equal(type, matches[0].Type);
        Assert.True(matches[0].Score >= 0.5, matches[0].Explanation);
    }

    [Fact]
    public void AMemoryLeakOutscoresAPlainOomKillBecauseOfItsGrowthSignals()
    {
        var evidence = Evidence(
            [Alert("HighMemoryUsage"), Alert("KubePodCrashLooping")],
            ["GC heap size <*> MB after gen2 collection; <*> objects promoted; cache entries <*>", "Unhandled exception. System.OutOfMemoryException: Exception of type <*> was thrown."],
            ["OOMKilling", "BackOff"],
            ["pod"]);
        var matches = IncidentTypeCatalog.Default.Match(evidence);
        Assert.Equal("memory-leak", matches[0].Type);
        Assert.Contains(matches, m => m.Type == "oom-killed" && m.Score < matches[0].Score);
    }

    [Fact]
    public void WildcardsLabelsAndKindsMatchAndNothingMatchesUnrelatedEvidence()
    {
        Assert.True(IncidentTypeCatalog.Glob("*CostAnomaly*", "AwsCostAnomalyAlert"));
        Assert.True(IncidentTypeCatalog.Glob("ProbeSSLCertExpire*", "probesslcertexpiresoon"));
        Assert.False(IncidentTypeCatalog.Glob("*Drift*", "DiskFull"));
        Assert.False(IncidentTypeCatalog.Glob("a*b*c", "ac"));
        var labelled = Evidence([Alert("SomethingElse", ("reason", "OOMKilled"))], [], [], []);
        Assert.Contains(IncidentTypeCatalog.Default.Match(labelled), m => m.Type == "oom-killed" && m.Matched.Contains("label reason=OOMKilled"));
        Assert.Empty(IncidentTypeCatalog.Default.Match(Evidence([Alert("Watchdog")], ["user logged in"], ["Pulled"], [])));
    }

    [Fact]
    public void TheCatalogCanBeExtendedByConfigurationAndRejectsBadDefinitions()
    {
        using var json = new MemoryStream("""
            {"types":[{"id":"kafka-consumer-lag","title":"Kafka consumer lag","description":"Consumers fall behind.",
              "patterns":{"alertName":{"KafkaConsumerLagHigh":0.7},"logKeyword":{"rebalance":0.3}}}]}
            """u8.ToArray());
        var extra = IncidentTypeCatalog.Load(json);
        var catalog = IncidentTypeCatalog.Default.With(extra.Types);
        Assert.Equal(IncidentTypeCatalog.Default.Types.Length + 1, catalog.Types.Length);
        var match = catalog.Match(Evidence([Alert("KafkaConsumerLagHigh")], ["consumer group <*> rebalance in progress"], [], []))[0];
        Assert.Equal("kafka-consumer-lag", match.Type);
        Assert.Equal(1 - (0.3 * 0.7), match.Score, 6);

        using var badKind = new MemoryStream("""{"types":[{"id":"x","patterns":{"metric":{"a":0.5}}}]}"""u8.ToArray());
        Assert.Contains("unknown kind 'metric'", Assert.Throws<ArgumentException>(() => IncidentTypeCatalog.Load(badKind)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => IncidentTypeCatalog.Create([new("x", "X", "", [new(PatternKind.AlertName, "A", 1.5)])]));
        Assert.Throws<ArgumentException>(() => IncidentTypeCatalog.Create([new("unknown", "X", "", [])]));
        Assert.Throws<ArgumentException>(() => IncidentTypeCatalog.Default.With([IncidentTypeCatalog.Default.Types[0], IncidentTypeCatalog.Default.Types[0]]));
    }

    [Fact]
    public void TheShippedCatalogHasEverySimulatedTypeAndTheCommonRealWorldOnes()
    {
        var ids = IncidentTypeCatalog.Default.Types.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(ScenarioCatalog.Types.Keys.Except(ids));
        Assert.Empty(new[] { "certificate-expiry", "database-connection-exhaustion", "dns-failure", "oom-killed", "crash-loop-config" }.Except(ids));
        Assert.All(IncidentTypeCatalog.Default.Types, t => Assert.True(t.Patterns.Length >= 4 && t.Description.Length > 20, t.Id));
    }

    internal static IncidentEvidence Evidence(AlertFacts[] alerts, string[] templates, string[] reasons, string[] kinds) =>
        new([.. alerts], [.. templates], [.. reasons], [.. kinds]);

    internal static AlertFacts Alert(string name, params (string Key, string Value)[] labels) => new(
        "alertmanager",
        name.ToLowerInvariant(),
        name,
        labels.Aggregate(ImmutableDictionary<string, string>.Empty.Add("alertname", name), (d, l) => d.SetItem(l.Key, l.Value)),
        name,
        Severity.Medium,
        null,
        null,
        At,
        null);
}
