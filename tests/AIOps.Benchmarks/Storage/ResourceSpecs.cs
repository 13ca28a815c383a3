using System.Collections.Immutable;
using System.Globalization;
using AIOps.Abstractions.Resources;

namespace AIOps.Benchmarks.Storage;

/// <summary>
/// Declarations shaped like an EC2 instance from an inventory sync. Every call builds fresh strings and
/// dictionaries: a grain keeps the spec's dictionaries in its state, and in production each one comes out of its own
/// deserialized request, so sharing instances here would make idle grains look smaller than they are.
/// </summary>
internal static class ResourceSpecs
{
    /// <summary>The grain key of resource <paramref name="index"/> in a group, e.g. <c>bench:res:42</c>.</summary>
    public static string Key(string group, int index) => string.Create(CultureInfo.InvariantCulture, $"bench:{group}:{index}");

    /// <summary>The declaration of resource <paramref name="index"/>; <paramref name="revision"/> changes a tag and the cost, so every revision is a real write.</summary>
    public static ResourceSpec Create(int index, long revision)
    {
        var tags = ImmutableDictionary.CreateRange(new[]
        {
            Pair("env", "prod"),
            Pair("team", "payments"),
            Pair("service", "checkout-api"),
            Pair("owner", "platform@example.com"),
            Pair("cost-center", "cc-1042"),
            new KeyValuePair<string, string>(Fresh("revision"), revision.ToString(CultureInfo.InvariantCulture)),
        });
        var desired = ImmutableDictionary.CreateRange(new[]
        {
            Pair("instanceType", "m5.large"),
            Pair("ami", "ami-0c55b159cbfafe1f0"),
            Pair("subnetId", "subnet-0bb1c79de3e5a1f2c"),
            Pair("securityGroup", "sg-0123456789abcdef0"),
            Pair("ebsSizeGb", "100"),
        });
        return new ResourceSpec(
            Fresh("aws"),
            Fresh("ec2-instance"),
            string.Create(CultureInfo.InvariantCulture, $"i-{index:x17}"),
            Fresh("eu-west-1"),
            tags,
            desired,
            [Fresh("aws:vpc:eu-west-1:vpc-0a1b2c3d"), Fresh("aws:subnet:eu-west-1:subnet-0bb1c79d")],
            0.096m + (revision % 1000 * 0.0001m));
    }

    /// <summary>The smallest valid declaration (no tags, desired state or dependencies), to separate the runtime's per-grain cost from the state's.</summary>
    public static ResourceSpec CreateMinimal(int index) =>
        new(Fresh("aws"), Fresh("vm"), string.Create(CultureInfo.InvariantCulture, $"i-{index:x17}"), "", ImmutableDictionary<string, string>.Empty,
            ImmutableDictionary<string, string>.Empty, [], 0m);

    private static KeyValuePair<string, string> Pair(string key, string value) => new(Fresh(key), Fresh(value));

    // A new instance with the same characters, as a deserializer would produce; literals are interned and shared.
    private static string Fresh(string value) => new(value.AsSpan());
}
