using System.Text.Json;
using AIOps.Abstractions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;

namespace AIOps.Silo.Hosting;

/// <summary>Turns every error into RFC 7807 problem details; only a real bug is a 500, and it says nothing internal.</summary>
internal sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        ValidationException v => new HttpValidationProblemDetails(v.Errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Detail = v.Message,
        },
        ForbiddenException f => Problem(StatusCodes.Status403Forbidden, "Forbidden.", f.Message),
        NotFoundException n => Problem(StatusCodes.Status404NotFound, "Not found.", n.Message),
        InvalidTransitionException t => Problem(StatusCodes.Status409Conflict, "Transition not allowed.", t.Message),
        ConflictException c => Problem(StatusCodes.Status409Conflict, "Conflict.", c.Message),
        BadHttpRequestException { InnerException: JsonException j } => Problem(
            StatusCodes.Status400BadRequest, "The request body is not valid JSON for this endpoint.", JsonDetail(j)),
        BadHttpRequestException b => Problem(b.StatusCode, "Bad request.", b.Message),
        NotSupportedException n => Problem(StatusCodes.Status501NotImplemented, "Not supported by this configuration.", n.Message),
        TimeoutException or OrleansMessageRejectionException or SiloUnavailableException => Problem(
            StatusCodes.Status503ServiceUnavailable, "The cluster is busy or changing; try again.", null),
        _ => Problem(StatusCodes.Status500InternalServerError, "Unexpected error.", null),
    };

    private static string JsonDetail(JsonException e) =>
        e.Path is { Length: > 1 } path
            ? $"Field '{path.TrimStart('$', '.')}': {FirstSentence(e.Message)}"
            : FirstSentence(e.Message);

    // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; the field is named separately.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static ProblemDetails Problem(int status, string title, string? detail) =>
        new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
