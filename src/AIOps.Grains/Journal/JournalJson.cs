using System.Text.Json;
using System.Text.Json.Serialization;

namespace AIOps.Grains.Journal;

/// <summary>The one JSON shape of journal payloads; changing it changes what old rows read as, so only add to it.</summary>
public static class JournalJson
{
    /// <summary>camelCase properties, enums as kebab-case strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // jsonb stores keys in its own order, so the "$type" discriminator is not necessarily first when read back.
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
