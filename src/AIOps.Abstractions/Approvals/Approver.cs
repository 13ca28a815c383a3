using System.Collections.Immutable;

namespace AIOps.Abstractions.Approvals;

/// <summary>The person deciding, as the identity provider vouches for them.</summary>
/// <param name="Id">User id (subject).</param>
/// <param name="Roles">Roles the user holds (<see cref="AIOps.Abstractions.Roles"/>).</param>
[GenerateSerializer, Immutable, Alias("aiops.approver")]
public sealed record Approver(
    [property: Id(0)] string Id,
    [property: Id(1)] ImmutableArray<string> Roles);
