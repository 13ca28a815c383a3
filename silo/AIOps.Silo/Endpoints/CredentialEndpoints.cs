using System.Text.Json;
using AIOps.Abstractions;
using AIOps.Grains.Credentials;
using AIOps.Silo.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AIOps.Silo.Endpoints;

/// <summary>
/// Credential management: metadata, create, rotate, delete. No endpoint ever returns a secret; agents read them in
/// process through <see cref="ICredentialVault.GetSecretAsync"/>.
/// </summary>
public static class CredentialEndpoints
{
    /// <summary>Largest request body accepted: a 60 KiB kubeconfig with JSON escaping fits.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>Maps <c>/api/credentials</c>.</summary>
    public static IEndpointRouteBuilder MapCredentialEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/credentials").WithTags("Credentials").RequireAuthorization(AccessPolicies.Admin);
        group.MapGet("/", (ICredentialVault vault, string? team, CancellationToken cancellationToken) =>
            vault.ListAsync(string.IsNullOrWhiteSpace(team) ? null : team, cancellationToken));
        group.MapGet("/{name}", (string name, ICredentialVault vault, CancellationToken cancellationToken) =>
            vault.GetAsync(name, cancellationToken));
        group.MapPut("/{name}", async (string name, HttpContext http, ICredentialVault vault, CancellationToken cancellationToken) =>
        {
            var body = await ReadBodyAsync<NewCredential>(http, cancellationToken);
            var created = await vault.CreateAsync(name, body, Actor(http), cancellationToken);
            return Results.Created($"/api/credentials/{created.Name}", created);
        }).Accepts<NewCredential>("application/json").Produces<CredentialMetadata>(StatusCodes.Status201Created);
        group.MapPost("/{name}/rotate", async (string name, HttpContext http, ICredentialVault vault, CancellationToken cancellationToken) =>
        {
            var body = await ReadBodyAsync<CredentialRotation>(http, cancellationToken);
            return await vault.RotateAsync(name, body, Actor(http), cancellationToken);
        }).Accepts<CredentialRotation>("application/json").Produces<CredentialMetadata>();
        group.MapDelete("/{name}", async (string name, HttpContext http, ICredentialVault vault, CancellationToken cancellationToken) =>
        {
            await vault.DeleteAsync(name, Actor(http), cancellationToken);
            return Results.NoContent();
        });
        return endpoints;
    }

    private static string Actor(HttpContext http) => http.User.Actor();

    /// <summary>
    /// Reads the body here rather than through parameter binding, so that a malformed body is reported by the path of
    /// the bad field only: System.Text.Json's own messages may quote pieces of the input, which here are secrets.
    /// </summary>
    private static async Task<T> ReadBodyAsync<T>(HttpContext http, CancellationToken cancellationToken)
        where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            throw new ValidationException("body", "must be JSON (Content-Type: application/json)");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, json, cancellationToken)
                ?? throw new ValidationException("body", "is required");
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            throw new ValidationException(field, field switch
            {
                "kind" => "must be one of " + string.Join(", ", Enum.GetValues<CredentialKind>().Select(CredentialValidation.WireName)),
                "body" => "is not a JSON object of the expected shape",
                _ => "is malformed, of the wrong JSON type (values are strings) or not a known property",
            });
        }
    }
}
