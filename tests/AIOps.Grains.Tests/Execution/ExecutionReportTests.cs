using System.Text.Json;
using AIOps.Grains.Execution;
using AIOps.Grains.Journal;
using static AIOps.Grains.Tests.Execution.ExecutionKit;

namespace AIOps.Grains.Tests.Execution;

public sealed class ExecutionReportTests
{
    [Fact]
    public async Task AReportSurvivesTheJournalJsonSoARunCanResumeFromAStoredOne()
    {
        using var resilience = Resilience();
        var plan = new ActionPlan([new FakeStep("a") { Outputs = new() { ["replicas"] = "3" } }, new FakeStep("b")]);
        var report = await Runner(resilience).RunAsync(Action(), plan);

        var json = JsonSerializer.Serialize(report, JournalJson.Options);
        var copy = JsonSerializer.Deserialize<ExecutionReport>(json, JournalJson.Options)!;

        Assert.Contains("\"status\":\"completed\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("isFinished", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(copy, JournalJson.Options));
        Assert.Equal("3", copy.MergedOutputs()["replicas"]);
        Assert.True(copy.IsFinished);
    }

    [Fact]
    public void TransientErrorsAreTheOnesWorthRetrying()
    {
        Assert.True(ResilienceRegistry.IsTransient(new TransientStepException("throttled")));
        Assert.True(ResilienceRegistry.IsTransient(new TimeoutException()));
        Assert.True(ResilienceRegistry.IsTransient(new HttpRequestException("reset")));
        Assert.True(ResilienceRegistry.IsTransient(new HttpRequestException("busy", null, System.Net.HttpStatusCode.ServiceUnavailable)));
        Assert.True(ResilienceRegistry.IsTransient(new HttpRequestException("slow down", null, System.Net.HttpStatusCode.TooManyRequests)));
        Assert.False(ResilienceRegistry.IsTransient(new HttpRequestException("bad", null, System.Net.HttpStatusCode.BadRequest)));
        Assert.False(ResilienceRegistry.IsTransient(new InvalidOperationException()));
        Assert.False(ResilienceRegistry.IsTransient(new OperationCanceledException()));
    }

    [Fact]
    public void BadRetrySettingsAreRefusedNamingTheSetting()
    {
        var tooFew = FastOptions(minimumThroughput: 1);
        var backwards = FastOptions();
        backwards.MaxDelay = TimeSpan.Zero;
        backwards.BaseDelay = TimeSpan.FromSeconds(1);

        var few = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => Resilience(tooFew));
        var back = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => Resilience(backwards));

        Assert.Contains("MinimumThroughput", few.Message, StringComparison.Ordinal);
        Assert.Contains("AIOps:Execution:MaxDelay", back.Message, StringComparison.Ordinal);
    }
}
