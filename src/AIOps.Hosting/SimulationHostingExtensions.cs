using AIOps.Estate.Inventory;
using AIOps.Grains.Simulation;
using AIOps.Simulation.Estate;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AIOps.Hosting;

/// <summary>
/// The simulated estate as the silo's inventory source and metrics (section <c>Simulation</c>): on by default, so a
/// new user has an estate to watch; <c>Simulation:Enabled=false</c> turns it off.
/// </summary>
public static class SimulationHostingExtensions
{
    /// <summary>Types of the estate and simulation libraries travel between silos as JSON; they carry no Orleans attributes.</summary>
    public static ISerializerBuilder AddAIOpsJsonTypes(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(isSupported: type => type.Namespace is { } ns
            && (ns.StartsWith("AIOps.Simulation", StringComparison.Ordinal) || ns.StartsWith("AIOps.Estate", StringComparison.Ordinal) || ns == "AIOps.Grains.Simulation"
                || ns.StartsWith("AIOps.Incidents", StringComparison.Ordinal) || ns.StartsWith("AIOps.Logs", StringComparison.Ordinal)));

    /// <summary>Registers the simulated estate when <c>Simulation:Enabled</c> is not false; returns whether it did.</summary>
    public static bool AddAIOpsSimulation(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(EstateOptions.SectionName);
        if (!section.GetValue("Enabled", true))
        {
            return false;
        }

        var options = section.Get<EstateOptions>() ?? new EstateOptions();
        options.Validate();
        silo.Services.AddOptions<EstateOptions>().BindConfiguration(EstateOptions.SectionName);
        silo.Services.AddSingleton<IInventoryProvider, SimulationInventorySource>();
        foreach (var type in SimulationActionPlanners.Types)
        {
            silo.Services.AddSingleton<AIOps.Grains.Execution.IActionPlanner>(sp =>
                SimulationActionPlanners.All(sp.GetRequiredService<IGrainFactory>()).Single(p => p.ActionType == type));
        }
        return true;
    }
}
