using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AIOps.Silo.Tests;

public sealed class CredentialEndpointTests(CredentialSiloFixture fixture) : IClassFixture<CredentialSiloFixture>
{
    private const string AccessKeyId = "AKIAHTTPEXAMPLE4242";
    private const string SecretAccessKey = "http-SECRET-aws-9f8e7d6c5b4a";

    private HttpClient Http => fixture.Silo.Http;

    private static string AwsBody(string secret = SecretAccessKey, string accessKeyId = AccessKeyId) =>
        """{"kind":"aws-access-key","team":"payments","description":"Terraform agent","fields":{"accessKeyId":"@@0@@","secretAccessKey":"@@1@@","region":"eu-west-1"}}""".Replace("@@0@@", accessKeyId, StringComparison.Ordinal).Replace("@@1@@", secret, StringComparison.Ordinal);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Uri Path(string path) => new(path, UriKind.Relative);

    private static string Name() => "http-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task CredentialsAreCreatedListedReadRotatedAndDeletedOverHttp()
    {
        var name = Name();
        var created = await Http.PutAsync(Path($"/api/credentials/{name}"), Json(AwsBody()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/credentials/{name}", created.Headers.Location?.OriginalString);
        var metadata = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((name, "aws-access-key", "payments", 1, "dev-admin"), (
            metadata.GetProperty("name").GetString(), metadata.GetProperty("kind").GetString(), metadata.GetProperty("team").GetString(),
            metadata.GetProperty("version").GetInt32(), metadata.GetProperty("createdBy").GetString()));
        Assert.Equal("****4242", metadata.GetProperty("attributes").GetProperty("accessKeyId").GetString());
        Assert.Equal("eu-west-1", metadata.GetProperty("attributes").GetProperty("region").GetString());
        Assert.Equal(["accessKeyId", "secretAccessKey"], metadata.GetProperty("secretFields").EnumerateArray().Select(f => f.GetString()));

        var listed = await Http.GetFromJsonAsync<JsonElement[]>(Path("/api/credentials?team=payments"));
        Assert.Contains(listed!, m => m.GetProperty("name").GetString() == name);
        Assert.Empty((await Http.GetFromJsonAsync<JsonElement[]>(Path("/api/credentials?team=nobody")))!);
        var read = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/credentials/{name}"));
        Assert.Equal(metadata.ToString(), read.ToString());

        var notJson = await Http.PutAsync(Path($"/api/credentials/{Name()}"), new StringContent(AwsBody(), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        var duplicate = await Http.PutAsync(Path($"/api/credentials/{name}"), Json(AwsBody()));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);

        var rotated = await Http.PostAsync(Path($"/api/credentials/{name}/rotate"), Json("""{"fields":{"accessKeyId":"AKIAHTTPEXAMPLE5353","secretAccessKey":"rotated-SECRET"}}"""));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var after = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, "dev-admin", "****5353"), (after.GetProperty("version").GetInt32(), after.GetProperty("rotatedBy").GetString(), after.GetProperty("attributes").GetProperty("accessKeyId").GetString()));
        Assert.False(after.GetProperty("attributes").TryGetProperty("region", out _));

        var audit = await Http.GetFromJsonAsync<JsonElement>(Path($"/api/audit?resource=credential:{name}"));
        Assert.Equal(["credential.rotated", "credential.created"], audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync(Path($"/api/credentials/{name}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(Path($"/api/credentials/{name}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync(Path($"/api/credentials/{name}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsync(Path($"/api/credentials/{name}/rotate"), Json("""{"fields":{"token":"x"}}"""))).StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/api/credentials/Bad%20Name", "aws", "name")]
    [InlineData("PUT", "/api/credentials/{name}", """{"fields":{"password":"p"}}""", "kind")]
    [InlineData("PUT", "/api/credentials/{name}", """{"kind":"gcp-service-account","fields":{"password":"p"}}""", "kind")]
    [InlineData("PUT", "/api/credentials/{name}", """{"kind":"aws-access-key","fields":{"accessKeyId":"AKIAHTTPEXAMPLE4242"}}""", "fields.secretAccessKey")]
    [InlineData("PUT", "/api/credentials/{name}", """{"kind":"aws-access-key","fields":{"accessKeyId":"AKIAHTTPEXAMPLE4242","secretAccessKey":12345}}""", "fields.secretAccessKey")]
    [InlineData("PUT", "/api/credentials/{name}", """{"kind":"terraform-token","fields":{"hostname":"app.terraform.io","token":"t"},"secret":"x"}""", "secret")]
    [InlineData("PUT", "/api/credentials/{name}", """{"kind":"generic","fields":{"password":"unterminated""", "fields.password")]
    [InlineData("PUT", "/api/credentials/{name}", "null", "body")]
    [InlineData("POST", "/api/credentials/{name}/rotate", """{"fields":{}}""", "fields")]
    [InlineData("GET", "/api/credentials?team=Payments%20Team", "", "team")]
    public async Task BadRequestsAreValidationProblemsNamingTheField(string method, string path, string body, string field)
    {
        var name = Name();
        if (method == "POST")
        {
            Assert.Equal(HttpStatusCode.Created, (await Http.PutAsync(Path($"/api/credentials/{name}"), Json(AwsBody()))).StatusCode);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), Path(path.Replace("{name}", name, StringComparison.Ordinal)))
        {
            Content = body switch
            {
                "" => null,
                "aws" => Json(AwsBody()),
                _ => Json(body),
            },
        };
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}' in {text}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task NeitherAClientSecretNorAnAccessTokenAppearsInTheSiloOutput()
    {
        var (token, _) = await fixture.Silo.Tokens.RequestAsync(CredentialSiloFixture.ClientId, CredentialSiloFixture.ClientSecret);
        using var refused = await fixture.Silo.Tokens.PostAsync(CredentialSiloFixture.ClientId, "leak-check-WRONG-SECRET-55aa");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, Path("/api/agents/status"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Silo.Anonymous.SendAsync(request)).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, Path("/api/agents/status"));
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token[..^6] + "AAAAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Silo.Anonymous.SendAsync(forged)).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(1));
        var output = fixture.Silo.Output;
        Assert.Contains("/connect/token", output, StringComparison.Ordinal);
        Assert.DoesNotContain(CredentialSiloFixture.ClientSecret, output, StringComparison.Ordinal);
        Assert.DoesNotContain("leak-check-WRONG-SECRET-55aa", output, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], output, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSecretSentInAnyRequestAppearsInAResponseOrInTheSiloOutput()
    {
        string[] secrets =
        [
            "leak-check-SECRET-aws-0001", "leak-check-SECRET-azure-0002", "leak-check-SECRET-k8s-0003",
            "leak-check-SECRET-tf-0004", "leak-check-SECRET-generic-0005", "leak-check-SECRET-rotated-0006",
            "leak-check-SECRET-invalid-0007", "leak-check-SECRET-malformed-0008", "leak-check-SECRET-wrongtype-0009",
            "leak-check-SECRET-conflict-0010", "leak-check-SECRET-session-0011",
        ];
        var (aws, azure, kube, tf, generic) = (Name(), Name(), Name(), Name(), Name());
        var bodies = new List<string>();

        async Task SendAsync(HttpMethod method, string path, string? body)
        {
            using var request = new HttpRequestMessage(method, Path(path)) { Content = body is null ? null : Json(body) };
            using var response = await Http.SendAsync(request);
            bodies.Add($"{(int)response.StatusCode} {response.Headers} {response.Content.Headers} {await response.Content.ReadAsStringAsync()}");
        }

        await SendAsync(HttpMethod.Put, $"/api/credentials/{aws}", """{"kind":"aws-access-key","fields":{"accessKeyId":"AKIALEAKCHECK0000001","secretAccessKey":"@@0@@","sessionToken":"@@1@@"}}""".Replace("@@0@@", secrets[0], StringComparison.Ordinal).Replace("@@1@@", secrets[10], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Put, $"/api/credentials/{azure}", """{"kind":"azure-service-principal","fields":{"tenantId":"contoso.onmicrosoft.com","clientId":"04b07795-8ddb-461a-bbee-02f9e1bf7b46","clientSecret":"@@0@@"}}""".Replace("@@0@@", secrets[1], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Put, $"/api/credentials/{kube}", """{"kind":"kubeconfig","fields":{"kubeconfig":"apiVersion: v1\nusers:\n- name: a\n  user:\n    token: @@0@@\n"}}""".Replace("@@0@@", secrets[2], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Put, $"/api/credentials/{tf}", """{"kind":"terraform-token","fields":{"hostname":"app.terraform.io","token":"@@0@@"}}""".Replace("@@0@@", secrets[3], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Put, $"/api/credentials/{generic}", """{"kind":"generic","fields":{"password":"@@0@@"}}""".Replace("@@0@@", secrets[4], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Post, $"/api/credentials/{aws}/rotate", """{"fields":{"accessKeyId":"AKIALEAKCHECK0000002","secretAccessKey":"@@0@@"}}""".Replace("@@0@@", secrets[5], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Put, $"/api/credentials/{Name()}", """{"kind":"aws-access-key","fields":{"accessKeyId":"@@0@@","secretAccessKey":"@@1@@"}}""".Replace("@@0@@", secrets[6], StringComparison.Ordinal).Replace("@@1@@", secrets[6], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Put, $"/api/credentials/{Name()}", """{"kind":"generic","fields":{"password":"@@0@@\q"}}""".Replace("@@0@@", secrets[7], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Put, $"/api/credentials/{Name()}", """{"kind":"generic","fields":{"password":{"nested":"@@0@@"}}}""".Replace("@@0@@", secrets[8], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Put, $"/api/credentials/{generic}", """{"kind":"generic","fields":{"password":"@@0@@"}}""".Replace("@@0@@", secrets[9], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Put, $"/api/credentials/{Name()}", """{"kind":"generic","fields":{"@@0@@ as a name":"x"}}""".Replace("@@0@@", secrets[6], StringComparison.Ordinal));
        await SendAsync(HttpMethod.Get, "/api/credentials", null);
        foreach (var name in new[] { aws, azure, kube, tf, generic })
        {
            await SendAsync(HttpMethod.Get, $"/api/credentials/{name}", null);
        }

        await SendAsync(HttpMethod.Get, "/api/audit?action=credential&limit=500", null);
        await SendAsync(HttpMethod.Get, "/openapi/v1.json", null);
        await SendAsync(HttpMethod.Delete, $"/api/credentials/{tf}", null);

        Assert.Equal(5, bodies.Count(b => b.StartsWith("201", StringComparison.Ordinal)));
        Assert.Equal(4, bodies.Count(b => b.StartsWith("400", StringComparison.Ordinal)));
        Assert.Single(bodies, b => b.StartsWith("409", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("credential.rotated", StringComparison.Ordinal));

        // Give the console logger time to flush what these requests logged.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var output = fixture.Silo.Output;
        Assert.Contains($"Credential {aws} rotated to version 2 by dev-admin", output, StringComparison.Ordinal);
        Assert.Contains("Request starting HTTP/1.1 PUT", output, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.All(bodies, body => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret["leak-check-".Length..], output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("AKIALEAKCHECK0000002", string.Join('\n', bodies), StringComparison.Ordinal);
    }
}
