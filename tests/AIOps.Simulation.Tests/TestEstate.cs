using AIOps.Simulation.Estate;
using Microsoft.Extensions.Time.Testing;

namespace AIOps.Simulation.Tests;

/// <summary>An estate on a fake clock that starts on a Wednesday at noon UTC.</summary>
internal sealed class TestEstate
{
    public static readonly DateTimeOffset Start = new(2025, 6, 11, 12, 0, 0, TimeSpan.Zero);

    public TestEstate(ulong seed = 7, int count = 300, Action<EstateOptions>? configure = null)
    {
        Time = new FakeTimeProvider(Start);
        var options = new EstateOptions { Seed = seed, ResourceCount = count };
        configure?.Invoke(options);
        options.Validate();
        Estate = SimulatedEstate.Create(options, Time);
    }

    public FakeTimeProvider Time { get; }

    public SimulatedEstate Estate { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public void Advance(TimeSpan by)
    {
        // Step in minutes like a host timer would; results must not depend on the step (checked in a test).
        var end = Now + by;
        while (Now < end)
        {
            var step = end - Now < TimeSpan.FromMinutes(1) ? end - Now : TimeSpan.FromMinutes(1);
            Time.Advance(step);
            Estate.Advance();
        }
    }

    public IEnumerable<AIOps.Estate.Inventory.InventoryResource> OfKind(string kind) => Estate.Resources().Where(r => r.Spec.Kind == kind);
}
