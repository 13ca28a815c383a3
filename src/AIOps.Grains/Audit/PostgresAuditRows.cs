using System.Collections.Immutable;
using System.Text.Json;
using AIOps.Abstractions.Audit;
using Npgsql;

namespace AIOps.Grains.Audit;

/// <summary>How an <see cref="AuditEntry"/> maps to a row of <c>aiops_audit_log</c>.</summary>
internal static class PostgresAuditRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = "seq, at, actor, action, outcome, resource_id, action_id, agent_id, reason, details::text, previous_hash, hash";

    /// <summary>
    /// The entry in the current row. Tolerant on purpose: a row changed behind the application's back (a NULL in
    /// a required column, details that are not an object of strings) must come out as a hash mismatch from verify,
    /// not as an exception.
    /// </summary>
    public static AuditEntry Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetFieldValue<DateTimeOffset>(1),
        Text(reader, 2) ?? "",
        Text(reader, 3) ?? "",
        Text(reader, 4) ?? "",
        Text(reader, 5),
        Text(reader, 6),
        Text(reader, 7),
        Text(reader, 8),
        ParseDetails(Text(reader, 9)),
        Text(reader, 10) ?? "",
        Text(reader, 11) ?? "");

    /// <summary>Details as a JSON object of strings, for a <c>jsonb</c> parameter.</summary>
    public static string DetailsJson(ImmutableDictionary<string, string>? details) =>
        JsonSerializer.Serialize(details ?? ImmutableDictionary<string, string>.Empty);

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static ImmutableDictionary<string, string> ParseDetails(string? json)
    {
        if (json is null)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return ImmutableDictionary<string, string>.Empty.Add("", json);
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            builder[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return builder.ToImmutable();
    }
}
