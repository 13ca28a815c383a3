using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>
/// A fake SNS on loopback and a silo told to trust it (the documented development settings), with a second source,
/// <c>cw-locked</c>, that accepts one topic only.
/// </summary>
public sealed class SnsSiloFixture : IAsyncLifetime
{
    public const string LockedSource = "cw-locked";
    public const string LockedToken = "cw-locked-token-0123456789";
    public const string LockedTopic = "arn:aws:sns:eu-west-1:123456789012:ops-alarms";

    internal FakeSns Sns { get; } = new();

    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["AIOps__Ingestion__Sns__ExtraHosts__0"] = "127.0.0.1",
            ["AIOps__Ingestion__Sns__AllowHttpLoopback"] = "true",
            ["AIOps__Ingestion__Sns__FetchTimeout"] = "00:00:05",
            [$"AIOps__Ingestion__Sources__{LockedSource}__Token"] = LockedToken,
            [$"AIOps__Ingestion__Sns__Sources__{LockedSource}__TopicArns__0"] = LockedTopic,
        });

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Sns.Dispose();
    }
}
