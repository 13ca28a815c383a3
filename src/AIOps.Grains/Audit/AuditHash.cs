using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using AIOps.Abstractions.Audit;

namespace AIOps.Grains.Audit;

/// <summary>
/// The hash of an audit entry: SHA-256 over a canonical binary encoding, as lower-case hex.
/// <para>
/// Encoding (version <c>aiops.audit.v1</c>): the version tag, the sequence as a big-endian int64, the time as
/// big-endian int64 microseconds since the Unix epoch in UTC (PostgreSQL's precision, so a stored entry hashes
/// the same after a round trip), then actor, action, outcome, resource id, action id, agent id and reason, then
/// the number of details as a big-endian int32 followed by each key and value in ordinal key order, and last the
/// previous hash. Every string is a presence byte (0 = null, 1 = present), its UTF-8 byte length as a big-endian
/// uint32 and the bytes, so no two different entries encode to the same bytes.
/// </para>
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Length of a hash in hex characters.</summary>
    public const int Length = 64;

    private const string Version = "aiops.audit.v1";

    // Strict: a lone surrogate must fail loudly, not be hashed as U+FFFD while something else is stored.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary><paramref name="at"/> in UTC, cut to whole microseconds.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    /// <summary>The hash an entry with these contents must have.</summary>
    public static string Compute(long sequence, DateTimeOffset at, AuditRecord record, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Compute(sequence, at, record.Actor, record.Action, record.Outcome, record.ResourceId, record.ActionId,
            record.AgentId, record.Reason, record.Details ?? ImmutableDictionary<string, string>.Empty, previousHash);
    }

    /// <summary>The hash <paramref name="entry"/> must have, recomputed from its contents and its previous hash.</summary>
    public static string Compute(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Compute(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Outcome, entry.ResourceId, entry.ActionId,
            entry.AgentId, entry.Reason, entry.Details ?? ImmutableDictionary<string, string>.Empty, entry.PreviousHash);
    }

    private static string Compute(
        long sequence,
        DateTimeOffset at,
        string? actor,
        string? action,
        string? outcome,
        string? resourceId,
        string? actionId,
        string? agentId,
        string? reason,
        IEnumerable<KeyValuePair<string, string>> details,
        string? previousHash)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteString(buffer, Version);
        WriteInt64(buffer, sequence);
        WriteInt64(buffer, (Truncate(at).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        WriteString(buffer, actor);
        WriteString(buffer, action);
        WriteString(buffer, outcome);
        WriteString(buffer, resourceId);
        WriteString(buffer, actionId);
        WriteString(buffer, agentId);
        WriteString(buffer, reason);
        var sorted = details.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), sorted.Count);
        buffer.Advance(4);
        foreach (var (key, value) in sorted)
        {
            WriteString(buffer, key);
            WriteString(buffer, value);
        }

        WriteString(buffer, previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            buffer.GetSpan(1)[0] = 0;
            buffer.Advance(1);
            return;
        }

        var length = Utf8.GetByteCount(value);
        var span = buffer.GetSpan(5 + length);
        span[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        Utf8.GetBytes(value, span[5..]);
        buffer.Advance(5 + length);
    }
}
