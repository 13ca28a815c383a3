using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>An embedded silo logging at Debug, ASP.NET Core included, so a secret that reached any log would show in its output.</summary>
public sealed class CredentialSiloFixture : IAsyncLifetime
{
    /// <summary>A confidential client with a distinctive secret, to check the issuer never logs it.</summary>
    public const string ClientId = "leak-check-client";

    /// <summary>Its secret.</summary>
    public const string ClientSecret = "leak-check-CLIENT-SECRET-7c1e";

    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(settings: new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Debug",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
        ["Logging__LogLevel__Orleans"] = "Information",
        ["Logging__LogLevel__OpenIddict"] = "Debug",
        ["AIOps__Identity__Clients__0__ClientId"] = ClientId,
        ["AIOps__Identity__Clients__0__ClientSecret"] = ClientSecret,
        ["AIOps__Identity__Clients__0__Roles__0"] = "operator",
    });

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
