using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace AIOps.Silo.Identity;

/// <summary>
/// Answers an unauthenticated call with 401 and an under-privileged one with 403, both as RFC 7807 problem details
/// that say what is missing, with the <c>WWW-Authenticate</c> header a bearer client expects.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            if (policy.AuthenticationSchemes.Contains(IngestionAuthenticationHandler.SchemeName))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = IngestionAuthenticationHandler.BasicRealm;
                await WriteAsync(context, StatusCodes.Status401Unauthorized, "Source authentication required.",
                    $"Send the source's token (Authorization: Bearer, or Basic with the source's name and token) or an HMAC signature ({IngestionAuthenticationHandler.SignatureHeader}: sha256=<hex of HMAC-SHA256(secret, timestamp + \".\" + body)> with {IngestionAuthenticationHandler.TimestampHeader}: <Unix seconds>). User tokens are not accepted here.");
                return;
            }

            var sentToken = context.Request.Headers.Authorization.Count > 0 || context.Request.Query.ContainsKey("access_token");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = sentToken ? "Bearer error=\"invalid_token\"" : "Bearer";
            await WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication required.", sentToken
                ? "The bearer token is not valid: it is expired, malformed, or not issued for this platform."
                : "Send an access token in the Authorization header (Bearer), e.g. from POST /connect/token.");
            return;
        }

        // Endpoint policies add to their group's: the strongest role asked for is the one that was missing.
        var needed = policy.Requirements.OfType<MinimumRoleRequirement>().Select(r => r.Role).MaxBy(r => Caller.RoleOrder.IndexOf(r));
        var has = context.User.AIOpsRoles();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden.", needed is null
            ? "The caller may not do this."
            : $"Requires the '{needed}' role or a stronger one; the caller has {(has.IsEmpty ? "no AIOps role" : string.Join(", ", has))}.");
    }

    private async Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
}
