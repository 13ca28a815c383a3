using System.Buffers;
using System.Text;
using AIOps.Abstractions;
using AIOps.Silo.Ingestion;

namespace AIOps.Silo.Tests;

/// <summary>The Alertmanager body reader on its own: label sets parsed once per distinct bytes, bodies split across buffers.</summary>
public sealed class AlertmanagerJsonTests
{
    [Fact]
    public void TheSameLabelBytesGiveTheSameParsedSetAndAnyKeyOrderTheSameFingerprint()
    {
        var tag = Guid.NewGuid().ToString("N");
        var body = $$$"""
            [{"labels":{"b":"2","alertname":"{{{tag}}}"},"annotations":{"summary":"s"}},
             {"labels":{"alertname":"{{{tag}}}","b":"2"},"annotations":{"summary":"s"}},
             {"labels":{"b":"2","alertname":"{{{tag}}}"},"annotations":{"summary":"t"}}]
            """;

        var alerts = AlertmanagerJson.ParseAlerts(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body)));

        Assert.Same(alerts[0].Labels, alerts[2].Labels);
        Assert.NotSame(alerts[0].Labels, alerts[1].Labels);
        Assert.Equal(alerts[0].Labels!.Fingerprint, alerts[1].Labels!.Fingerprint);
        Assert.Equal(AlertFormats.Fingerprint(new Dictionary<string, string> { ["alertname"] = tag, ["b"] = "2" }), alerts[0].Labels!.Fingerprint);
        Assert.Equal(["alertname", "b"], alerts[1].Labels!.Pairs.Select(p => p.Key));
        Assert.NotEqual(alerts[0].Annotations.Digest, alerts[2].Annotations.Digest);
    }

    [Fact]
    public void ABodySplitAcrossBuffersReadsLikeOneBuffer()
    {
        var tag = Guid.NewGuid().ToString("N");
        var bytes = Encoding.UTF8.GetBytes($$$"""[{"labels":{"alertname":"{{{tag}}}","pod":"p-1","ns":"shop"},"startsAt":"2026-11-26T10:00:00Z"}]""");
        var whole = AlertmanagerJson.ParseAlerts(new ReadOnlySequence<byte>(bytes)).Single();

        // Split inside the labels object, at every position, so the set is read from two buffers (and found again).
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var first = new Segment(bytes[..cut]);
            var last = first.Append(bytes[cut..]);
            var split = AlertmanagerJson.ParseAlerts(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length)).Single();
            Assert.Equal(whole.Labels!.Fingerprint, split.Labels!.Fingerprint);
            Assert.Equal(whole.StartsAt, split.StartsAt);
        }
    }

    [Theory]
    [InlineData("""[{"labels":{"alertname":"X","alertname":"X"}}]""", "[0].labels.alertname")]
    [InlineData("""[{"labels":{"alertname":"X"},"annotations":{"n":1}}]""", "[0].annotations.n")]
    public void ABadObjectIsRefusedEvenAfterAGoodOneWithTheSameStart(string body, string field)
    {
        AlertmanagerJson.ParseAlerts(new ReadOnlySequence<byte>("""[{"labels":{"alertname":"X"},"annotations":{"n":"1"}}]"""u8.ToArray()));
        var error = Assert.Throws<ValidationException>(() => AlertmanagerJson.ParseAlerts(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body))));
        Assert.True(error.Errors.ContainsKey(field), string.Join(", ", error.Errors.Keys));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
