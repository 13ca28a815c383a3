using System.Diagnostics;
using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>One silo process on its embedded defaults (no settings), as a new user starts it.</summary>
public sealed class EmbeddedSiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    /// <summary>From process start to a ready silo.</summary>
    public TimeSpan StartedIn { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        Silo = await SiloProcess.StartAsync();
        StartedIn = clock.Elapsed;
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
