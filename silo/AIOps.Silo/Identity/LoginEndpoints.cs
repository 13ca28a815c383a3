using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AIOps.Silo.Identity;

/// <summary>
/// The embedded issuer's interactive side: <c>/connect/authorize</c> (authorization code with PKCE, for the
/// dashboard), a plain login page for the configured users, and <c>/connect/logout</c>.
/// </summary>
internal static partial class LoginEndpoints
{
    public const string LoginPath = "/account/login";

    public static void MapLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)LogoutAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(LoginPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, LocalOrRoot(returnUrl), error: null)).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(LoginPath, LoginAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IdentityCatalog catalog)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict request is missing; is the issuer's middleware running?");
        var login = await http.AuthenticateAsync(IdentityHostingExtensions.LoginScheme);
        var user = login.Succeeded ? catalog.FindUser(login.Principal.FindFirstValue(Claims.Subject)) : null;
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user is not logged in.",
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var back = http.Request.PathBase + http.Request.Path + QueryWithoutPrompt(http.Request);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [IdentityHostingExtensions.LoginScheme]);
        }

        // The dashboard is the platform's own client: no consent screen.
        var identity = TokenEndpoint.NewIdentity(user.UserName, user.DisplayName ?? user.UserName, user.Roles, user.Teams);
        identity.SetScopes(request.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IAntiforgery antiforgery, IdentityCatalog catalog, ILoggerFactory loggers)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.BadRequest();
        }

        var form = await http.Request.ReadFormAsync();
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Page(http, antiforgery, returnUrl, "The form expired; please log in again.");
        }

        var user = catalog.CheckPassword(form["username"], form["password"]);
        if (user is null)
        {
            LogFailedLogin(loggers.CreateLogger(typeof(LoginEndpoints)), http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Page(http, antiforgery, returnUrl, "Unknown user or wrong password.");
        }

        var identity = new ClaimsIdentity(IdentityHostingExtensions.LoginScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.UserName));
        identity.AddClaim(new Claim(Claims.Name, user.DisplayName ?? user.UserName));
        await http.SignInAsync(IdentityHostingExtensions.LoginScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(IdentityHostingExtensions.LoginScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · AIOps</title>
            <style>
              body{font-family:system-ui,sans-serif;background:#0f172a;color:#e2e8f0;display:grid;place-items:center;min-height:100vh;margin:0}
              form{background:#1e293b;padding:2rem;border-radius:12px;width:min(22rem,90vw);display:grid;gap:.75rem}
              h1{margin:0 0 .5rem;font-size:1.4rem} label{display:grid;gap:.25rem;font-size:.9rem}
              input{padding:.6rem;border-radius:6px;border:1px solid #475569;background:#0f172a;color:inherit}
              button{padding:.7rem;border:0;border-radius:6px;background:#2563eb;color:white;font-weight:600;cursor:pointer}
              .error{color:#fca5a5;margin:0}
            </style></head>
            <body><form method="post" action="{{LoginPath}}">
              <h1>Sign in to AIOps</h1>{{message}}
              <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
              <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
              <label>User name<input name="username" autocomplete="username" required autofocus></label>
              <label>Password<input name="password" type="password" autocomplete="current-password" required></label>
              <button type="submit">Sign in</button>
            </form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: error is null ? 200 : 400);
    }

    /// <summary>Only local paths are followed after login, so the page cannot be used to redirect elsewhere.</summary>
    private static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static string QueryWithoutPrompt(HttpRequest request)
    {
        var kept = request.HasFormContentType
            ? request.Form.Where(p => p.Key != Parameters.Prompt)
            : request.Query.Where(p => p.Key != Parameters.Prompt);
        return QueryString.Create(kept.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))).ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed login at the embedded issuer from {RemoteAddress}")]
    private static partial void LogFailedLogin(ILogger logger, string remoteAddress);
}
