using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Unicode;

namespace AIOps.Silo.Ingestion;

/// <summary>
/// Label names and values seen before, looked up by their UTF-8 text without allocating: an alert storm sends the
/// same few thousand strings again and again. Bounded; once full, new strings are simply allocated.
/// </summary>
internal static class Utf8StringPool
{
    private const int MaxStrings = 100_000;
    private const int MaxLength = 128;
    private static readonly ConcurrentDictionary<string, string> Strings = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The reader's current string token; <see cref="InvalidOperationException"/> for text that is not UTF-8, as <see cref="Utf8JsonReader.GetString"/>.</summary>
    public static string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxLength];
        if (Utf8.ToUtf16(reader.ValueSpan, chars, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            return reader.GetString()!;
        }

        var text = chars[..written];
        if (Lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var made = new string(text);
        if (Strings.Count < MaxStrings)
        {
            Strings.TryAdd(made, made);
        }

        return made;
    }
}
