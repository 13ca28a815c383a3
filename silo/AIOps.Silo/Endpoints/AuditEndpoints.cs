using System.Globalization;
using System.Text;
using AIOps.Abstractions;
using AIOps.Abstractions.Audit;
using AIOps.Grains.Audit;
using AIOps.Silo.Identity;

namespace AIOps.Silo.Endpoints;

/// <summary>The audit trail: search, chain verification and the compliance report.</summary>
public static class AuditEndpoints
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Maps <c>/api/audit</c>.</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/", (IAuditLog audit, string? from, string? to, string? actor, string? resource, string? action, string? actionId,
            string? offset, string? limit, CancellationToken cancellationToken) =>
        {
            var errors = new Dictionary<string, string[]>();
            var query = new AuditQuery(
                Timestamp(errors, "from", from),
                Timestamp(errors, "to", to),
                Text(actor),
                Text(resource),
                Text(action),
                Text(actionId),
                Integer(errors, "offset", offset) ?? 0,
                Integer(errors, "limit", limit) ?? 50);
            ThrowIfAny(errors);
            return audit.SearchAsync(query, cancellationToken);
        });
        group.MapGet("/verify", (IAuditLog audit, string? anchorSequence, string? anchorHash, CancellationToken cancellationToken) =>
        {
            var errors = new Dictionary<string, string[]>();
            var sequence = Long(errors, "anchorSequence", anchorSequence);
            var hash = Text(anchorHash);
            if ((sequence is null) != (hash is null) && errors.Count == 0)
            {
                errors[sequence is null ? "anchorSequence" : "anchorHash"] = ["is required together with the other anchor parameter"];
            }

            ThrowIfAny(errors);
            return audit.VerifyAsync(sequence is { } s && hash is not null ? new AuditAnchor(s, hash) : null, cancellationToken);
        });
        group.MapGet("/export", async (IAuditLog audit, string? from, string? to, string? format, CancellationToken cancellationToken) =>
        {
            var errors = new Dictionary<string, string[]>();
            var start = Timestamp(errors, "from", from);
            var end = Timestamp(errors, "to", to);
            if (start is null && !errors.ContainsKey("from"))
            {
                errors["from"] = ["is required (ISO 8601, e.g. 2026-01-01T00:00:00Z)"];
            }

            if (end is null && !errors.ContainsKey("to"))
            {
                errors["to"] = ["is required (ISO 8601, e.g. 2026-02-01T00:00:00Z)"];
            }

            var csv = Text(format)?.ToUpperInvariant() switch
            {
                null or "JSON" => false,
                "CSV" => true,
                _ => Invalid(errors, "format", "must be 'json' or 'csv'"),
            };
            ThrowIfAny(errors);
            var report = await audit.ExportAsync(start!.Value, end!.Value, cancellationToken);
            return csv
                ? Results.File(Encoding.UTF8.GetBytes(ComplianceCsv.Write(report)), "text/csv; charset=utf-8", FileName(report))
                : Results.Ok(report);
        }).RequireAuthorization(AccessPolicies.Admin);
        return endpoints;
    }

    private static string FileName(ComplianceReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"aiops-compliance-{report.From:yyyyMMdd'T'HHmmss'Z'}-{report.To:yyyyMMdd'T'HHmmss'Z'}.csv");

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>ISO 8601; without an offset the time is UTC.</summary>
    private static DateTimeOffset? Timestamp(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        // An unencoded '+' in a query string arrives as a space: "…T10:00:00+02:00" becomes "…T10:00:00 02:00".
        text = text.Replace(' ', '+');
        if (DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        errors[field] = ["must be an ISO 8601 date or time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z"];
        return null;
    }

    private static int? Integer(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors[field] = ["must be a whole number"];
        return null;
    }

    private static long? Long(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors[field] = ["must be a whole number"];
        return null;
    }

    private static bool Invalid(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return false;
    }

    private static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
