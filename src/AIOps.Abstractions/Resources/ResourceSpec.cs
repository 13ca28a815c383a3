using System.Collections.Immutable;

namespace AIOps.Abstractions.Resources;

/// <summary>What an inventory source or a person says a resource is; <see cref="IResourceGrain.UpsertAsync"/> takes it.</summary>
/// <param name="Provider">Where it lives: <c>aws</c>, <c>azure</c>, <c>k8s</c>, <c>tf</c>, <c>sim</c>...</param>
/// <param name="Kind">What it is, e.g. <c>ec2-instance</c>, <c>deployment</c>, <c>vm</c>.</param>
/// <param name="Name">Its name at the provider.</param>
/// <param name="Location">Region or cluster (and namespace), e.g. <c>eu-west-1</c>, <c>prod/shop</c>.</param>
/// <param name="Tags">Provider tags or labels.</param>
/// <param name="DesiredState">Declared configuration (e.g. from Terraform or a manifest).</param>
/// <param name="Dependencies">Ids of the resources this one depends on.</param>
/// <param name="CostPerHour">What it costs per hour in the account's currency.</param>
[GenerateSerializer, Immutable, Alias("aiops.resource-spec")]
public sealed record ResourceSpec(
    [property: Id(0)] string Provider,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] string Location,
    [property: Id(4)] ImmutableDictionary<string, string> Tags,
    [property: Id(5)] ImmutableDictionary<string, string> DesiredState,
    [property: Id(6)] ImmutableArray<string> Dependencies,
    [property: Id(7)] decimal CostPerHour);
