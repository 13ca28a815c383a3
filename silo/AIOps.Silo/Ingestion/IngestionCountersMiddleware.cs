using AIOps.Silo.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// Wraps every <c>POST /api/ingest/{source}/...</c> (outside authentication and the problem-details handler, so it
/// sees their answers): limits the body to <see cref="MaxBodyBytes"/> (413 problem details) and counts every rejected
/// request by source and reason from its final status, or from the reason an endpoint set in
/// <see cref="RejectionReasonItem"/>.
/// </summary>
public sealed class IngestionCountersMiddleware(RequestDelegate next, IngestionCounters counters, IngestionSources sources, IProblemDetailsService problemDetails)
{
    /// <summary>Largest request body an alert source may send.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary><see cref="HttpContext.Items"/> key an endpoint sets to name a rejection's reason more precisely than its status.</summary>
    public const string RejectionReasonItem = "aiops.ingest.rejection";

    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method) || SourceOf(context.Request.Path) is not { } named)
        {
            await next(context);
            return;
        }

        var source = sources.Contains(named) ? named : IngestionCounters.UnknownSource;
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            counters.Reject(source, "oversized");
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request body is too large.",
                    Detail = $"Alert sources may send at most {MaxBodyBytes} bytes per request; send smaller batches.",
                },
            });
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            await next(context);
        }
        catch
        {
            counters.Reject(source, "error");
            throw;
        }

        var reason = context.Items[RejectionReasonItem] as string ?? context.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => "unauthenticated",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status413PayloadTooLarge => "oversized",
            StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status422UnprocessableEntity => "malformed",
            >= 500 => "error",
            _ => null,
        };
        if (reason is not null)
        {
            counters.Reject(source, reason);
        }
    }

    /// <summary>The <c>{source}</c> of <c>/api/ingest/{source}/...</c>, or null for any other path.</summary>
    internal static string? SourceOf(PathString path)
    {
        const string prefix = "/api/ingest/";
        var value = path.Value;
        if (value is null || !value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = value.AsSpan(prefix.Length);
        var slash = rest.IndexOf('/');
        return slash <= 0 || slash == rest.Length - 1 ? null : rest[..slash].ToString();
    }
}
