using System.Collections.Immutable;
using AIOps.Abstractions.Resources;

namespace AIOps.Estate.Inventory;

/// <summary>A resource as an inventory source reports it: its declaration, what is observed, and its health.</summary>
/// <param name="Id">Platform id, also the resource grain's key (e.g. <c>aws:ec2:eu-west-1:i-0abc</c>).</param>
/// <param name="Spec">The declaration: provider, kind, name, location, tags, desired state, dependencies, cost per hour.</param>
/// <param name="Observed">Configuration as observed at the source.</param>
/// <param name="Health">Health as observed at the source.</param>
public sealed record InventoryResource(string Id, ResourceSpec Spec, ImmutableDictionary<string, string> Observed, ResourceHealth Health);
