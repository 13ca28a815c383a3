using System.Diagnostics;
using AIOps.Abstractions.Resources;
using AIOps.Grains.Resources;
using Orleans.Storage;

namespace AIOps.Benchmarks.Storage;

/// <summary>CPU cost of the grain storage serializer on one real resource state, measured in a tight loop.</summary>
/// <param name="SerializeMicroseconds">Serialize plus the copy to an array the provider makes, per call.</param>
/// <param name="DeserializeMicroseconds">Deserialize, per call.</param>
/// <param name="Bytes">Serialized length.</param>
internal sealed record SerializerCost(double SerializeMicroseconds, double DeserializeMicroseconds, int Bytes)
{
    public static SerializerCost Measure(IGrainStorageSerializer serializer, ManagedResource resource, int iterations)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        var state = ResourceState.From(resource);
        var bytes = serializer.Serialize(state).ToArray();
        for (var i = 0; i < 1_000; i++)
        {
            _ = serializer.Deserialize<ResourceState>(new BinaryData(serializer.Serialize(state).ToArray()));
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            bytes = serializer.Serialize(state).ToArray();
        }

        var serialize = Stopwatch.GetElapsedTime(started).TotalMicroseconds / iterations;
        started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            _ = serializer.Deserialize<ResourceState>(new BinaryData(bytes));
        }

        return new SerializerCost(serialize, Stopwatch.GetElapsedTime(started).TotalMicroseconds / iterations, bytes.Length);
    }
}
