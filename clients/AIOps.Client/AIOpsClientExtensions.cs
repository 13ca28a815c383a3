using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace AIOps.Client;

/// <summary>Registers the SDK in a .NET host.</summary>
public static class AIOpsClientExtensions
{
    /// <summary>
    /// Connects the host to an AIOps cluster as an Orleans client and registers <see cref="IAIOpsClient"/>. Settings
    /// come from the <c>AIOpsClient</c> configuration section and then <paramref name="configure"/>; a bad setting
    /// stops start-up with a message naming it.
    /// </summary>
    public static IHostApplicationBuilder AddAIOpsClient(this IHostApplicationBuilder builder, Action<AIOpsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new AIOpsClientOptions();
        builder.Configuration.GetSection(AIOpsClientOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(AIOpsClientOptions.SectionName, typeof(AIOpsClientOptions), errors!);
        }

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
            if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = options.ConnectionString;
                });
            }
            else
            {
                client.UseStaticClustering(options.Gateways.Select(g => GatewayAddress.TryParse(g, out var endpoint) ? endpoint : throw new InvalidOperationException(g)).ToArray());
            }
        });
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton<IAIOpsClient, AIOpsClient>();
        return builder;
    }
}
