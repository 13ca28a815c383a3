using AIOps.Abstractions.Live;
using AIOps.Silo.Endpoints;
using AIOps.Silo.Hosting;
using AIOps.Silo.Hubs;

if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddAIOpsSilo();

var app = builder.Build();
app.UseAIOpsProblemDetails();
app.MapOpenApi();
app.MapHealthEndpoints();
app.MapAgentEndpoints();
app.MapIncidentEndpoints();
app.MapResourceEndpoints();
app.MapActionEndpoints();
app.MapOrchestrationEndpoints();
app.MapAuditEndpoints();
app.MapCredentialEndpoints();
app.MapHub<LiveHub>(LiveGroups.HubPath);
app.LogHostingMode();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
