using System.Text.Json;
using AIOps.Abstractions;

namespace AIOps.Silo.Endpoints;

/// <summary>Parses enum query parameters in the API's spelling (kebab-case, as in JSON bodies).</summary>
public static class WireEnum
{
    /// <summary>Null for a missing value; <see cref="ValidationException"/> naming the field and the allowed values for a wrong one.</summary>
    public static T? Parse<T>(string? value, string field)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw new ValidationException(field, $"must be one of {string.Join(", ", Enum.GetValues<T>().Select(Name))}");
    }

    /// <summary>The wire name of a value, e.g. <c>semi-auto</c>.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
