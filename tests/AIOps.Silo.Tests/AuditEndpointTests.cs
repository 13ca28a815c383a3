using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AIOps.Silo.Tests;

public sealed class AuditEndpointTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task OnAFreshSiloTheAuditChainHoldsOnlyTheDefaultAgentsAndVerifiesAsValid()
    {
        var verification = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit/verify", UriKind.Relative));
        Assert.True(verification.GetProperty("valid").GetBoolean());
        var seeded = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?action=config.changed&actor=system:defaults", UriKind.Relative));
        Assert.Equal(4, seeded.GetProperty("total").GetInt64());
        Assert.Equal(4, verification.GetProperty("entriesChecked").GetInt64());
        Assert.Equal(JsonValueKind.Null, verification.GetProperty("firstBrokenSequence").ValueKind);
        Assert.Equal(JsonValueKind.Null, verification.GetProperty("break").ValueKind);

        var page = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?actor=alice&action=approval&from=2026-01-01&limit=10", UriKind.Relative));
        Assert.Equal(0, page.GetProperty("total").GetInt64());
        Assert.Equal(10, page.GetProperty("limit").GetInt32());
        Assert.Empty(page.GetProperty("items").EnumerateArray());

        // An unencoded '+' of a UTC offset arrives as a space; it is still read as the offset.
        var offset = await Http.GetAsync(new Uri("/api/audit?from=2026-01-01T10:00:00+02:00&to=2026-01-02T00:00:00Z", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, offset.StatusCode);
        var extremes = await Http.GetAsync(new Uri("/api/audit/export?from=0001-01-01&to=9999-12-31T23:59:59Z", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, extremes.StatusCode);
    }

    [Fact]
    public async Task TheComplianceReportOfAnEmptyRangeComesAsJsonOrCsv()
    {
        var report = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit/export?from=2026-01-01&to=2026-02-01T00:00:00Z", UriKind.Relative));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), report.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(0, report.GetProperty("counts").GetProperty("entries").GetInt64());
        Assert.Empty(report.GetProperty("approvalsGranted").EnumerateArray());
        Assert.Empty(report.GetProperty("actionsRun").EnumerateArray());

        var csv = await Http.GetAsync(new Uri("/api/audit/export?from=2026-01-01&to=2026-02-01&format=csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("aiops-compliance-20260101T000000Z-20260201T000000Z.csv", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.StartsWith("section,sequence,at,actor,action,outcome,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/audit?from=yesterday", "from")]
    [InlineData("/api/audit?to=2026-13-01", "to")]
    [InlineData("/api/audit?from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("/api/audit?limit=0", "limit")]
    [InlineData("/api/audit?limit=100000", "limit")]
    [InlineData("/api/audit?limit=ten", "limit")]
    [InlineData("/api/audit?offset=-1", "offset")]
    [InlineData("/api/audit?action=Not%20An%20Action", "action")]
    [InlineData("/api/audit/verify?anchorSequence=first", "anchorSequence")]
    [InlineData("/api/audit/verify?anchorSequence=3", "anchorHash")]
    [InlineData("/api/audit/verify?anchorSequence=1&anchorHash=xyz", "anchorHash")]
    [InlineData("/api/audit/verify?anchorSequence=0&anchorHash=0000000000000000000000000000000000000000000000000000000000000000", "anchorSequence")]
    [InlineData("/api/audit/export", "from")]
    [InlineData("/api/audit/export?from=2026-01-01", "to")]
    [InlineData("/api/audit/export?from=%20&to=2026-02-01", "from")]
    [InlineData("/api/audit/export?from=2026-01-01&to=2025-12-31", "to")]
    [InlineData("/api/audit/export?from=2026-01-01&to=2026-02-01&format=pdf", "format")]
    public async Task BadQueryParametersAreValidationProblemsNamingTheField(string path, string field)
    {
        var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}' in {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }
}
