using System.Globalization;
using AIOps.Incidents.Classification;
using Xunit.Abstractions;

namespace AIOps.Incidents.Tests;

public sealed class ClassificationModelTests(ClassificationTrainingFixture fixture, ITestOutputHelper output) : IClassFixture<ClassificationTrainingFixture>
{
    [Fact]
    public void CrossValidatedMetricsAreStoredWithTheVersionAndAreHigh()
    {
        var metrics = fixture.Version.Metrics;
        output.WriteLine($"{fixture.Training.Count} examples generated in {fixture.GeneratedIn.TotalMilliseconds:0} ms (with {fixture.HeldOut.Count} held out); trained with {metrics.Folds}-fold CV in {fixture.TrainedIn.TotalMilliseconds:0} ms");
        output.WriteLine($"{"class",-18} {"precision",9} {"recall",7} {"support",7}");
        foreach (var c in metrics.Classes)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Label,-18} {c.Precision,9:0.000} {c.Recall,7:0.000} {c.Support,7}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {metrics.Accuracy:0.000} macro precision {metrics.MacroPrecision:0.000} macro recall {metrics.MacroRecall:0.000}"));
        Assert.Equal(5, metrics.Folds);
        Assert.Equal(9, metrics.Classes.Length);
        Assert.True(metrics.Accuracy >= 0.9, $"accuracy {metrics.Accuracy}");
    }
}
