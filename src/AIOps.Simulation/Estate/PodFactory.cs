using System.Collections.Immutable;
using AIOps.Simulation.Randomness;

namespace AIOps.Simulation.Estate;

/// <summary>Creates pods the way a ReplicaSet names them: <c>{deployment}-{template hash}-{suffix}</c>.</summary>
internal static class PodFactory
{
    private const string KubeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string TemplateHash(ulong seed, string deploymentId, string image) =>
        KubeString(SeedHash.Combine(seed, SeedHash.Of(deploymentId), SeedHash.Of(image)), 10);

    public static SimResource Create(ulong seed, SimResource deployment, SimResource node, int serial, DateTimeOffset? at)
    {
        var image = deployment.Desired["image"];
        var revision = deployment.Desired["revision"];
        var hash = TemplateHash(seed, deployment.Id, image);
        var suffix = KubeString(SeedHash.Combine(seed, deployment.Hash, (ulong)serial), 5);
        var name = $"{deployment.Name}-{hash}-{suffix}";
        var id = $"k8s:{deployment.Cluster}:pod/{deployment.Namespace}/{name}";
        var pod = new SimResource(id, "k8s", ResourceKinds.Pod, name, deployment.Location, deployment.Tags, deployment.Profile)
        {
            Cluster = deployment.Cluster,
            Namespace = deployment.Namespace,
            OwnerId = deployment.Id,
            NodeId = node.Id,
            CreatedAt = at,
        };
        var desired = ImmutableDictionary<string, string>.Empty
            .Add("image", image)
            .Add("revision", revision)
            .Add("node", node.Name)
            .Add("podTemplateHash", hash)
            .Add("phase", "Running");
        pod.Desired = desired;
        pod.Observed = desired;
        pod.Dependencies = [node.Id];
        pod.Phases.Add(new ResourcePhase(at ?? DateTimeOffset.MinValue, true, 0, 0, 0m, 0));
        return pod;
    }

    private static string KubeString(ulong hash, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            hash = SeedHash.Mix(hash + (ulong)i);
            chars[i] = KubeAlphabet[(int)(hash % (ulong)KubeAlphabet.Length)];
        }

        return new string(chars);
    }
}
