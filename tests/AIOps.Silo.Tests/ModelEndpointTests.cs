using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AIOps.Testing;

namespace AIOps.Silo.Tests;

/// <summary>The incident-type model the silo trains at start, as the model API shows it.</summary>
public sealed class ModelEndpointTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    [Fact]
    public async Task TheSiloTrainsTheIncidentTypeModelAtStartAndListsItWithItsCrossValidatedMetrics()
    {
        using var viewer = fixture.Silo.As("viewer");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        JsonElement[] models;
        while ((models = (await viewer.GetFromJsonAsync<JsonElement[]>("/api/models"))!).Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no model trained within 3 minutes of start\n" + fixture.Silo.Output);
            await Task.Delay(250);
        }

        var model = Assert.Single(models);
        Assert.Equal(("incident-type", 1, "incident-type@1"), (model.GetProperty("name").GetString(), model.GetProperty("version").GetInt32(), model.GetProperty("tag").GetString()));
        Assert.Equal("FeaturizeText+LbfgsMaximumEntropy", model.GetProperty("trainer").GetString());
        var metrics = model.GetProperty("metrics");
        Assert.Equal(5, metrics.GetProperty("folds").GetInt32());
        Assert.True(metrics.GetProperty("accuracy").GetDouble() >= 0.9);
        var classes = metrics.GetProperty("classes").EnumerateArray().ToList();
        Assert.Equal(9, classes.Count);
        Assert.Equal(model.GetProperty("examples").GetInt32(), classes.Sum(c => c.GetProperty("support").GetInt32()));
        Assert.All(classes, c => Assert.True(c.GetProperty("precision").GetDouble() > 0 && c.GetProperty("recall").GetDouble() > 0, c.ToString()));

        var versions = await viewer.GetFromJsonAsync<JsonElement[]>("/api/models/incident-type");
        Assert.Equal(model.ToString(), Assert.Single(versions!).ToString());
        Assert.Contains("Incident-type model incident-type@1 trained on", fixture.Silo.Output, StringComparison.Ordinal);
        while (!fixture.Silo.Output.Contains("Incidents are classified with the catalog and model incident-type@1.", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the trained model was not put in use\n" + fixture.Silo.Output);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task AnUnknownModelIsANotFoundProblem()
    {
        using var response = await fixture.Silo.Http.GetAsync("/api/models/no-such-model");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("model 'no-such-model' does not exist.", problem.GetProperty("detail").GetString());
    }
}
