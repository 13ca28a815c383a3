namespace AIOps.Silo.Hosting;

/// <summary>Which persistence mode the silo runs in.</summary>
/// <param name="Durable">True when state is in PostgreSQL.</param>
public sealed record HostingMode(bool Durable);
