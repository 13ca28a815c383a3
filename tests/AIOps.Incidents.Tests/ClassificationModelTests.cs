using System.Globalization;
using AIOps.Abstractions.Incidents;
using AIOps.Incidents.Classification;
using AIOps.Incidents.Training;
using AIOps.Simulation.Scenarios;
using Xunit.Abstractions;

namespace AIOps.Incidents.Tests;

public sealed class ClassificationModelTests(ClassificationTrainingFixture fixture, ITestOutputHelper output) : IClassFixture<ClassificationTrainingFixture>
{
    [Fact]
    public void CrossValidatedPerClassMetricsAreStoredWithTheVersion()
    {
        var metrics = fixture.Version.Metrics;
        output.WriteLine($"{fixture.Training.Count} examples generated in {fixture.GeneratedIn.TotalMilliseconds:0} ms (and {fixture.HeldOut.Count} held out); trained with {metrics.Folds}-fold CV in {fixture.TrainedIn.TotalMilliseconds:0} ms");
        output.WriteLine($"{"class",-18} {"precision",9} {"recall",7} {"support",7}");
        foreach (var c in metrics.Classes)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Label,-18} {c.Precision,9:0.000} {c.Recall,7:0.000} {c.Support,7}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {metrics.Accuracy:0.000} macro precision {metrics.MacroPrecision:0.000} macro recall {metrics.MacroRecall:0.000}"));
        Assert.Equal((IncidentClassifier.ModelName, 1, IncidentTypeTrainer.TrainerName, fixture.Training.Count), (fixture.Version.Name, fixture.Version.Version, fixture.Version.Trainer, fixture.Version.Examples));
        Assert.Equal(5, metrics.Folds);
        Assert.Equal(ScenarioCatalog.Types.Keys.Order(StringComparer.Ordinal), metrics.Classes.Select(c => c.Label));
        Assert.Equal(fixture.Training.Count, metrics.Classes.Sum(c => c.Support));
        Assert.True(metrics.Accuracy >= 0.9, $"accuracy {metrics.Accuracy}");
        Assert.True(metrics.MacroRecall >= 0.85, $"macro recall {metrics.MacroRecall}");
    }

    [Fact]
    public async Task TheStoredModelReloadsAndClassifiesHeldOutIncidentsOfEveryTypeWithCatalogAndModel()
    {
        var classifier = await IncidentClassifier.LoadAsync(fixture.Store);
        Assert.Equal(fixture.Version, classifier.ModelVersion);
        var results = fixture.HeldOut.Select(e => (e.Label, Result: classifier.Classify(e.Evidence))).ToList();
        foreach (var (label, result) in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-16} -> {result.Type,-16} {result.Confidence:0.00} {result.Method,-13} {result.Explanation}"));
        }

        var accuracy = results.Count(r => r.Result.Type == r.Label) / (double)results.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out accuracy {accuracy:0.000} over {results.Count} snapshots of {fixture.HeldOut.Select(e => e.Group).Distinct().Count()} incidents"));
        Assert.True(accuracy >= 0.9, $"held-out accuracy {accuracy}");
        foreach (var type in ScenarioCatalog.Types.Keys)
        {
            var final = fixture.HeldOut.Where(e => e.Label == type).GroupBy(e => e.Group).Select(g => g.Last()).ToList();
            Assert.NotEmpty(final);
            Assert.All(final, e => Assert.Equal(type, classifier.Classify(e.Evidence).Type));
        }

        Assert.Contains(results, r => r.Result.Method == "catalog+model" && r.Result.ModelVersion == "incident-type@1");
        Assert.All(results.Where(r => r.Result.Type != IncidentClassifier.Unknown), r => Assert.InRange(r.Result.Confidence, IncidentClassifier.ConfidentAt, 1));
    }

    [Fact]
    public async Task ATypeOnlyTheCatalogKnowsWinsOverTheModelsNearestGuess()
    {
        var classifier = await IncidentClassifier.LoadAsync(fixture.Store);
        var evidence = ClassificationCatalogTests.Evidence(
            [ClassificationCatalogTests.Alert("SslCertificateWillExpireSoon"), ClassificationCatalogTests.Alert("HighErrorRate")],
            ["TLS handshake error from <*>: x509: certificate has expired or is not yet valid"],
            [],
            ["service"]);
        var result = classifier.Classify(evidence);
        Assert.Equal("certificate-expiry", result.Type);
        Assert.Equal("catalog", result.Method);
        Assert.Contains("Catalog: TLS certificate expiring or expired", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvidenceNothingRecognisesIsUnknownWithTheGuessesAsAlternatives()
    {
        var classifier = await IncidentClassifier.LoadAsync(fixture.Store);
        var result = classifier.Classify(ClassificationCatalogTests.Evidence([ClassificationCatalogTests.Alert("Watchdog")], ["user <*> logged in"], [], []));
        output.WriteLine(result.Explanation + " " + string.Join(", ", result.Alternatives));
        Assert.Equal((IncidentClassifier.Unknown, 0.0), (result.Type, result.Confidence));
        Assert.All(result.Alternatives, a => Assert.True(a.Score < IncidentClassifier.ConfidentAt));

        var empty = new IncidentClassifier(IncidentTypeCatalog.Default).Classify(ClassificationCatalogTests.Evidence([], [], [], []));
        Assert.Equal((IncidentClassifier.Unknown, "catalog", null), (empty.Type, empty.Method, empty.ModelVersion));
        Assert.Equal("No known incident pattern matched and no model is trained yet.", empty.Explanation);
    }

    [Fact]
    public void WithoutAModelTheCatalogAloneClassifiesTheSimulatedIncidents()
    {
        var classifier = new IncidentClassifier(IncidentTypeCatalog.Default);
        var finals = fixture.HeldOut.GroupBy(e => e.Group).Select(g => g.Last()).ToList();
        Assert.All(finals, e =>
        {
            var result = classifier.Classify(e.Evidence);
            Assert.Equal((e.Label, "catalog", null), (result.Type, result.Method, result.ModelVersion));
        });
    }

    [Fact]
    public async Task ConcurrentClassificationsGiveTheSameAnswersAsOneAtATime()
    {
        var classifier = await IncidentClassifier.LoadAsync(fixture.Store);
        var sequential = fixture.HeldOut.Select(e => classifier.Classify(e.Evidence)).ToList();
        var parallel = new IncidentClassification[fixture.HeldOut.Count * 4];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = classifier.Classify(fixture.HeldOut[i % fixture.HeldOut.Count].Evidence));
        for (var i = 0; i < parallel.Length; i++)
        {
            var expected = sequential[i % sequential.Count];
            Assert.Equal((expected.Type, expected.Confidence, expected.Method), (parallel[i].Type, parallel[i].Confidence, parallel[i].Method));
        }
    }

    [Fact]
    public async Task RetrainingStoresTheNextVersionAndTheSourceSwitchesToIt()
    {
        var store = new Models.InMemoryModelStore(TimeProvider.System);
        var first = await IncidentTypeTrainer.TrainAsync(store, fixture.Training);
        var second = await IncidentTypeTrainer.TrainAsync(store, fixture.Training.Take(fixture.Training.Count - 3));
        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(fixture.Training.Count - 3, second.Examples);
        var source = new IncidentClassifierSource(IncidentTypeCatalog.Default);
        Assert.Null(source.Current.ModelVersion);
        source.Use(await IncidentClassifier.LoadAsync(store));
        Assert.Equal("incident-type@2", source.Classify(fixture.HeldOut[0].Evidence).ModelVersion);
        Assert.Equal([2, 1], (await store.ListAsync(IncidentClassifier.ModelName)).Select(v => v.Version));
        Assert.Equal(second, Assert.Single(await store.ListLatestAsync()));
    }

    [Fact]
    public void TrainingRefusesDataCrossValidationCannotScore()
    {
        var one = fixture.Training.Where(e => e.Label == ScenarioCatalog.NodeFailure).ToList();
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() => IncidentTypeTrainer.Train(one)).Message, StringComparison.Ordinal);
        var scarce = fixture.Training.Where(e => e.Label != ScenarioCatalog.CostSpike || e.Group.EndsWith("#1000", StringComparison.Ordinal)).ToList();
        Assert.Contains("cost-spike", Assert.Throws<ArgumentException>(() => IncidentTypeTrainer.Train(scarce)).Message, StringComparison.Ordinal);
    }
}
