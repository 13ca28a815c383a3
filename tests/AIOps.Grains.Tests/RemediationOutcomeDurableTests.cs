using AIOps.Grains.Models;
using AIOps.Grains.Runbooks;
using AIOps.Grains.Tests.Durable;
using AIOps.Incidents.Remediation;
using AIOps.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AIOps.Grains.Tests;

/// <summary>Outcomes of real runbook executions in PostgreSQL: they outlive a restart and count across silos for retraining.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RemediationOutcomeDurableTests(PostgresFixture postgres)
{
    private static RemediationOutcome Outcome(int i, bool success) =>
        new(new RemediationFeatures("pod-crashloop", "restart-crashlooping-pod", "restart", "pod", i % 2 == 0 ? "production" : "staging", i % 3), success);

    [Fact]
    public async Task OutcomesAreStoredAndAModelLoadedAfterARestartRetrainsOnceEnoughNewOnesCameIn()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync());
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        var models = new PostgresModelStore(dataSource, clock);
        var outcomes = new PostgresRemediationOutcomeStore(dataSource);

        // First silo: trains the cold-start version, then records a full retraining's worth of outcomes.
        var first = new RemediationPredictor(models, outcomes, clock);
        await first.EnsureAsync();
        var coldStart = first.Version!;
        clock.Advance(TimeSpan.FromMinutes(1));
        await first.RecordAsync(Enumerable.Range(0, RemediationPredictor.RetrainEvery).Select(i => Outcome(i, i % 4 != 0)));
        Assert.Equal((coldStart.Version + 1, coldStart.Examples + RemediationPredictor.RetrainEvery), (first.Version!.Version, first.Version.Examples));
        Assert.Equal(RemediationPredictor.RetrainEvery, (await outcomes.ListAsync()).Count);

        // After a restart (a new predictor on the same database) a few more outcomes do not retrain yet...
        clock.Advance(TimeSpan.FromMinutes(1));
        var restarted = new RemediationPredictor(models, outcomes, clock);
        await restarted.RecordAsync(Enumerable.Range(0, 5).Select(i => Outcome(i, true)));
        Assert.Equal(first.Version.Version, restarted.Version!.Version);

        // ...but another silo's outcomes count with them: the 20th new one since the loaded version retrains on all of them.
        clock.Advance(TimeSpan.FromMinutes(1));
        var other = new RemediationPredictor(models, outcomes, clock);
        await other.RecordAsync(Enumerable.Range(0, RemediationPredictor.RetrainEvery - 5).Select(i => Outcome(i, false)));
        Assert.Equal((first.Version.Version + 1, coldStart.Examples + (2 * RemediationPredictor.RetrainEvery)), (other.Version!.Version, other.Version.Examples));
        Assert.Equal(
            Enumerable.Range(0, RemediationPredictor.RetrainEvery).Select(i => Outcome(i, i % 4 != 0)),
            (await outcomes.ListAsync()).Take(RemediationPredictor.RetrainEvery));
        Assert.Equal(RemediationPredictor.RetrainEvery - 5, await outcomes.CountSinceAsync(clock.GetUtcNow().AddSeconds(-1)));
    }
}
