using System.Buffers;
using System.Text;
using AIOps.Metrics.Prometheus;
using static AIOps.Metrics.Tests.Samples;

namespace AIOps.Metrics.Tests;

public sealed class PrometheusExpositionTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PageIsSortedEscapedAndKeepsTheLatestSamplePerSeries()
    {
        var samples = new[]
        {
            Sample("zeta_bytes", T0, 1, ("b", "2"), ("a", "1")),
            Sample("alpha_ratio", T0, 0.5, ("resource_id", "we\"ird\\path\nx")),
            Sample("alpha_ratio", T0.AddSeconds(5), 0.75, ("resource_id", "plain")),
            Sample("alpha_ratio", T0, 0.25, ("resource_id", "plain")),
            Sample("alpha_ratio", T0.AddSeconds(-5), 0.1, ("resource_id", "plain")),
            Sample("special", T0, double.NaN, ("kind", "nan")),
            Sample("special", T0, double.PositiveInfinity, ("kind", "pinf")),
            Sample("special", T0, double.NegativeInfinity, ("kind", "ninf")),
            Sample("bare", T0, 1e21),
        };
        var writer = new StringWriter();

        PrometheusExposition.Write(writer, samples, metric => metric == "alpha_ratio" ? "CPU \\ share\nof a core" : null);

        Assert.Equal(
            "# HELP alpha_ratio CPU \\\\ share\\nof a core\n" +
            "# TYPE alpha_ratio gauge\n" +
            "alpha_ratio{resource_id=\"plain\"} 0.75\n" +
            "alpha_ratio{resource_id=\"we\\\"ird\\\\path\\nx\"} 0.5\n" +
            "# TYPE bare gauge\n" +
            "bare 1E+21\n" +
            "# TYPE special gauge\n" +
            "special{kind=\"nan\"} NaN\n" +
            "special{kind=\"ninf\"} -Inf\n" +
            "special{kind=\"pinf\"} +Inf\n" +
            "# TYPE zeta_bytes gauge\n" +
            "zeta_bytes{a=\"1\",b=\"2\"} 1\n",
            writer.ToString());
    }

    [Fact]
    public void BufferWriterOutputIsTheSameUtf8AsTheTextWriterOutput()
    {
        var samples = new[] { Sample("temp_celsius", T0, 21.5, ("room", "Küche ☕")), Sample("temp_celsius", T0, -3, ("room", "außen")) };
        var text = new StringWriter();
        var buffer = new ArrayBufferWriter<byte>(4);

        PrometheusExposition.Write(text, samples);
        PrometheusExposition.Write(buffer, samples);

        Assert.Equal(text.ToString(), Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Contains("room=\"Küche ☕\"} 21.5\n", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidNamesAreRejectedRatherThanWrittenAsABrokenPage()
    {
        Assert.Throws<ArgumentException>(() => PrometheusExposition.Write(new StringWriter(), [Sample("cpu.usage", T0, 1)]));
        Assert.Throws<ArgumentException>(() => PrometheusExposition.Write(new StringWriter(), [Sample("cpu", T0, 1, ("bad-label", "x"))]));
    }
}
