using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIOps.Grains.Journal;

/// <summary>The one JSON shape of journal payloads; changing it changes what old rows read as, so only add to it.</summary>
public static class JournalJson
{
    /// <summary>camelCase properties, enums as kebab-case strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
