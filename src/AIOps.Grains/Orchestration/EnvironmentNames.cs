namespace AIOps.Grains.Orchestration;

/// <summary>Reads a resource's environment from its tags and folds the usual spellings together.</summary>
public static class EnvironmentNames
{
    /// <summary>Tag keys that name the environment, in order of preference.</summary>
    public static readonly string[] TagKeys = ["environment", "env", "stage"];

    /// <summary>The environment from the tags, or null if none is tagged.</summary>
    public static string? FromTags(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var key in TagKeys)
        {
            if (tags.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return Normalize(value);
            }
        }

        return null;
    }

    /// <summary><c>prod</c>, <c>prd</c>, <c>Production</c> → <c>production</c>; likewise staging and development.</summary>
    public static string Normalize(string environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var e = environment.Trim().ToLowerInvariant();
        return e switch
        {
            "prod" or "prd" or "live" => "production",
            "stage" or "stg" or "preprod" or "pre-prod" => "staging",
            "dev" or "develop" or "test" or "sandbox" => "development",
            _ => e,
        };
    }
}
