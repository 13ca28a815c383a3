using AIOps.Abstractions.Live;
using AIOps.Silo.Endpoints;
using AIOps.Silo.Hosting;
using AIOps.Silo.Hubs;
using AIOps.Silo.Identity;
using AIOps.Silo.Ingestion;

if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

if (args is ["hash-password"])
{
    return await HashPasswordCommand.RunAsync(Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddAIOpsSilo();
builder.AddAIOpsIdentity();
builder.AddSnsIngestion();
builder.AddAIOpsRunbooks();

var app = builder.Build();
app.UseAIOpsProblemDetails();
app.UseAIOpsDashboard();
app.UseAIOpsIdentity();
app.MapOpenApi().AllowAnonymous();
app.MapHealthEndpoints();
app.MapAgentEndpoints();
app.MapIncidentEndpoints();
app.MapResourceEndpoints();
app.MapInventoryEndpoints();
app.MapSimulationEndpoints();
app.MapMetricsEndpoints();
app.MapActionEndpoints();
app.MapCostEndpoints();
app.MapOrchestrationEndpoints();
app.MapAuditEndpoints();
app.MapCredentialEndpoints();
app.MapModelEndpoints();
app.MapIngestionEndpoints();
app.MapRunbookEndpoints();
app.MapHub<LiveHub>(LiveGroups.HubPath).RequireAuthorization(AccessPolicies.Read);
app.LogHostingMode();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
