using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AIOps.Silo.Identity;

/// <summary>
/// Declares in the OpenAPI document how to authenticate: a bearer JWT for the API (from <c>/connect/token</c> or the
/// external authority), and the alert sources' token for ingestion.
/// </summary>
internal sealed class SecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string Bearer = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Access token from POST /connect/token (client credentials; embedded mode: dev-admin, dev-approver, dev-operator, dev-viewer with secret = id) or from the configured external authority. Roles: viewer < operator < approver < admin.",
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] };
        foreach (var (path, item) in document.Paths)
        {
            if (path.StartsWith("/api/ingest/", StringComparison.Ordinal) || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(requirement);
            }
        }

        return Task.CompletedTask;
    }
}
