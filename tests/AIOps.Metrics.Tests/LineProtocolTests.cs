using System.Text;
using AIOps.Metrics.Influx;
using static AIOps.Metrics.Tests.Samples;

namespace AIOps.Metrics.Tests;

public sealed class LineProtocolTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_740_830_400_123);

    [Fact]
    public void MeasurementAndTagsAreEscapedAndTheTimestampIsInMilliseconds()
    {
        var builder = new StringBuilder();

        var written = LineProtocol.TryAppend(builder, Sample("cpu load,x=y", T0, 0.125, ("host name", "a,b=c d"), ("empty", "")));

        Assert.True(written);
        Assert.Equal("cpu\\ load\\,x=y,host\\ name=a\\,b\\=c\\ d value=0.125 1740830400123\n", builder.ToString());
    }

    [Fact]
    public void NonFiniteValuesAreNotEncodable()
    {
        var builder = new StringBuilder();

        Assert.False(LineProtocol.TryAppend(builder, Sample("cpu", T0, double.NaN)));
        Assert.False(LineProtocol.TryAppend(builder, Sample("cpu", T0, double.PositiveInfinity)));
        Assert.Equal(0, builder.Length);
    }

    [Fact]
    public void LineBreaksInTagsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.TryAppend(new StringBuilder(), Sample("cpu", T0, 1, ("host", "a\nb"))));
    }
}
