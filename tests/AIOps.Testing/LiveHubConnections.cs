using System.Text.Json;
using System.Text.Json.Serialization;
using AIOps.Abstractions.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AIOps.Testing;

/// <summary>
/// How tests and benchmarks connect to the live hub: one place, so when the hub requires authentication only
/// <see cref="AccessToken"/> changes.
/// </summary>
public static class LiveHubConnections
{
    /// <summary>The bearer token provider every test and benchmark connection to <paramref name="silo"/> presents: a viewer's token from its issuer.</summary>
    public static Func<Task<string?>> AccessToken(SiloProcess silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return async () => await silo.Tokens.ForRoleAsync("viewer");
    }

    /// <summary>
    /// A connection (not started) to the hub at <paramref name="baseAddress"/>, speaking the silo's JSON (enums as
    /// kebab-case strings). WebSockets only and no negotiate request: one socket per connection, as a load test needs.
    /// </summary>
    /// <param name="baseAddress">The silo's HTTP address.</param>
    /// <param name="accessTokenProvider">Supplies the bearer token.</param>
    /// <param name="reconnect">Reconnect automatically.</param>
    /// <param name="messagePack">Speak SignalR's MessagePack protocol instead of JSON (the silo offers both).</param>
    public static HubConnection Create(Uri baseAddress, Func<Task<string?>>? accessTokenProvider, bool reconnect = false, bool messagePack = false)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, LiveGroups.HubPath), o =>
            {
                o.AccessTokenProvider = accessTokenProvider;
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        if (reconnect)
        {
            builder.WithAutomaticReconnect();
        }

        return builder.Build();
    }

    /// <summary><see cref="Create"/> with <see cref="AccessToken"/>, started and joined to <paramref name="groups"/>.</summary>
    public static async Task<HubConnection> ConnectAsync(SiloProcess silo, params string[] groups)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var connection = Create(silo.BaseAddress, AccessToken(silo));
        await connection.StartAsync();
        foreach (var group in groups)
        {
            await connection.InvokeAsync("Subscribe", group);
        }

        return connection;
    }
}
