namespace AIOps.Grains.Tests.Execution;

/// <summary>Stands for the silo dying between two steps.</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }
}
