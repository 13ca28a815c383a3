using System.Diagnostics;
using AIOps.Incidents.Models;
using AIOps.Incidents.Training;
using Microsoft.Extensions.Time.Testing;

namespace AIOps.Incidents.Tests;

/// <summary>Simulated incidents of every type, split by incident into training and held-out runs, and a model trained once on the training part.</summary>
public sealed class ClassificationTrainingFixture : IAsyncLifetime
{
    public InMemoryModelStore Store { get; } = new(new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)));

    public IReadOnlyList<LabeledEvidence> Training { get; private set; } = [];

    /// <summary>Incidents from seeds the model never saw.</summary>
    public IReadOnlyList<LabeledEvidence> HeldOut { get; private set; } = [];

    public ModelVersion Version { get; private set; } = null!;

    public TimeSpan GeneratedIn { get; private set; }

    public TimeSpan TrainedIn { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        Training = SimulationTrainingData.Generate(new SimulationTrainingOptions { FirstSeed = 1000, RunsPerType = 10 });
        HeldOut = SimulationTrainingData.Generate(new SimulationTrainingOptions { FirstSeed = 5000, RunsPerType = 3 });
        GeneratedIn = clock.Elapsed;
        clock.Restart();
        Version = await IncidentTypeTrainer.TrainAsync(Store, Training);
        TrainedIn = clock.Elapsed;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
