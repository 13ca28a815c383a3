using AIOps.Grains.Runbooks;
using AIOps.Incidents.Models;
using AIOps.Incidents.Remediation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AIOps.Silo.Hosting;

/// <summary>Wires runbooks: integrations (<c>AIOps:Runbooks</c>), the remediation-success predictor and the dry run.</summary>
public static class RunbookHosting
{
    /// <summary>Adds the runbook services.</summary>
    public static WebApplicationBuilder AddAIOpsRunbooks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RunbookOptions>().BindConfiguration(RunbookOptions.SectionName)
            .Validate(o => o.Integrations.Values.All(i => i.Url is { IsAbsoluteUri: true } u && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)),
                "every AIOps:Runbooks:Integrations:<name>:Url must be an absolute http(s) URL")
            .ValidateOnStart();
        builder.Services.AddHttpClient<RunbookIntegrations>(http => http.Timeout = TimeSpan.FromSeconds(30));

        // The PostgreSQL model and outcome stores are registered by the durable hosting when present; otherwise they live in memory.
        builder.Services.TryAddSingleton<IModelStore>(sp => new InMemoryModelStore(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.TryAddSingleton<IRemediationOutcomeStore, InMemoryRemediationOutcomeStore>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RemediationPredictor>();
        builder.Services.AddSingleton<RunbookDryRun>();
        return builder;
    }
}
