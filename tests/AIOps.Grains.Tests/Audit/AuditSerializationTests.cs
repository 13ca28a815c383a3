using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using AIOps.Abstractions.Audit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AIOps.Grains.Tests.Audit;

public sealed class AuditSerializationTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object> Samples()
    {
        var details = ImmutableDictionary<string, string>.Empty.Add("policy", "change-window");
        var entry = new AuditEntry(3, At, "bob", AuditActions.ApprovalGranted, "approved", "r1", "act-1", "k8s", "ok", details, new string('a', 64), new string('b', 64));
        var run = new ComplianceActionRun("act-1", "k8s", "r1", At, At, 2, 1, AuditOutcomes.Failed, "bob", At);
        yield return new AuditRecord("bob", AuditActions.ApprovalGranted, "approved", "r1", "act-1", "k8s", "ok", details);
        yield return entry;
        yield return new AuditQuery(At, At.AddDays(1), "bob", "r1", "approval", "act-1", 5, 10);
        yield return new AuditPage([entry], 1, 0, 50);
        yield return new AuditAnchor(3, new string('b', 64));
        yield return new AuditVerification(false, 3, 3, AuditChainBreak.LinkMismatch, "broken", 2, new string('a', 64));
        yield return run;
        yield return new ComplianceCounts(9, 1, 2, 3, 4, 5, 6, 7);
        yield return new ComplianceReport(
            At, At.AddDays(1), At, 1, 3, new string('b', 64), new ComplianceCounts(3, 1, 0, 1, 0, 1, 0, 0),
            ImmutableSortedDictionary<string, long>.Empty.Add(AuditActions.ApprovalGranted, 1), [entry], [], [run], [entry], []);
    }

    [Fact]
    public void EveryAuditTypeRoundTripsThroughTheOrleansSerializer()
    {
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(AuditEntry).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var sampled = Samples().Select(s => s.GetType()).ToHashSet();
        var auditTypes = typeof(AuditEntry).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(AuditEntry).Namespace && t.GetCustomAttribute<GenerateSerializerAttribute>() is not null);
        Assert.Empty(auditTypes.Where(t => !sampled.Contains(t)).Select(t => t.Name));

        foreach (var sample in Samples())
        {
            var copy = serializer.Deserialize<object>(serializer.SerializeToArray<object>(sample));
            Assert.IsType(sample.GetType(), copy);
            Assert.Equal(JsonSerializer.Serialize(sample, sample.GetType()), JsonSerializer.Serialize(copy, copy.GetType()));
        }
    }
}
