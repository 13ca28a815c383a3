using AIOps.Logs;

namespace AIOps.Logs.Tests;

public sealed class LogTemplateTests
{
    [Fact]
    public void Templates_compare_by_id_and_text() =>
        Assert.NotEqual(new LogTemplate(1, "Receiving block <*>"), new LogTemplate(2, "Receiving block <*>"));
}
