using AIOps.Metrics.Prometheus;
using static AIOps.Metrics.Tests.Samples;

namespace AIOps.Metrics.Tests;

public sealed class PromQlTests
{
    [Fact]
    public void SelectorSortsMatchersAndEscapesBackslashQuoteAndLineBreaks()
    {
        var selector = PromQl.Selector("aiops_cpu_utilization_ratio", Labels(("resource_id", "a\\b\"c\nd"), ("env", "prod")));

        Assert.Equal("aiops_cpu_utilization_ratio{env=\"prod\",resource_id=\"a\\\\b\\\"c\\nd\"}", selector);
    }

    [Fact]
    public void MetricNamesThatAreNotIdentifiersAreSelectedThroughTheNameLabel()
    {
        Assert.Equal("{__name__=\"cpu.usage\",host=\"a\"}", PromQl.Selector("cpu.usage", Labels(("host", "a"))));
        Assert.Equal("up{}", PromQl.Selector("up", Labels()));
    }

    [Fact]
    public void InvalidLabelNamesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => PromQl.Selector("up", Labels(("bad-name", "x"))));
    }
}
