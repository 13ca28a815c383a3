namespace AIOps.Simulation.Estate;

/// <summary>
/// The metric-relevant state of a resource from <paramref name="At"/> on. Kept as a history so that metrics of the
/// past stay what they were after a remediation changes the resource.
/// </summary>
/// <param name="At">Start of the phase.</param>
/// <param name="Running">Whether the resource runs (a stopped machine has no load and costs only its storage).</param>
/// <param name="VCpus">Compute capacity (vCPUs) for machines and nodes.</param>
/// <param name="Replicas">Desired replicas of a deployment.</param>
/// <param name="CostPerHour">Hourly cost.</param>
/// <param name="DiskGb">Disk capacity in GB.</param>
internal readonly record struct ResourcePhase(DateTimeOffset At, bool Running, int VCpus, int Replicas, decimal CostPerHour, int DiskGb);
