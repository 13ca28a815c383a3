using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>An embedded silo logging at Debug, ASP.NET Core included, so a secret that reached any log would show in its output.</summary>
public sealed class CredentialSiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Debug",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
        ["Logging__LogLevel__Orleans"] = "Information",
    });

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
