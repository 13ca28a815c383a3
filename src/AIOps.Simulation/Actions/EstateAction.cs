namespace AIOps.Simulation.Actions;

/// <summary>Something an agent or operator does to the estate.</summary>
/// <param name="ResourceId">The resource acted on.</param>
public abstract record EstateAction(string ResourceId);

/// <summary>Sets a deployment's replicas.</summary>
/// <param name="ResourceId">The deployment.</param>
/// <param name="Replicas">Desired replicas (0..500).</param>
public sealed record ScaleAction(string ResourceId, int Replicas) : EstateAction(ResourceId);

/// <summary>Restarts a resource: a deployment is rolled out again, a pod deleted and recreated, a node or machine rebooted.</summary>
/// <param name="ResourceId">The resource.</param>
public sealed record RestartAction(string ResourceId) : EstateAction(ResourceId);

/// <summary>Rolls a deployment back to an earlier revision.</summary>
/// <param name="ResourceId">The deployment.</param>
/// <param name="Revision">The revision to return to; null for the previous one with a different image.</param>
public sealed record RollbackAction(string ResourceId, int? Revision = null) : EstateAction(ResourceId);

/// <summary>Changes a machine's size (EC2 instance type, Azure VM size) or grows a volume.</summary>
/// <param name="ResourceId">The machine or volume.</param>
/// <param name="Size">Instance type or VM size; for a volume, the new size in GB.</param>
public sealed record ResizeAction(string ResourceId, string Size) : EstateAction(ResourceId);

/// <summary>Stops (deallocates) a machine: its compute cost drops to zero.</summary>
/// <param name="ResourceId">The machine.</param>
public sealed record StopAction(string ResourceId) : EstateAction(ResourceId);

/// <summary>Deletes an unattached volume.</summary>
/// <param name="ResourceId">The volume.</param>
public sealed record DeleteAction(string ResourceId) : EstateAction(ResourceId);
