using AIOps.Abstractions;
using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Resources;

/// <summary>Rules a resource declaration must meet; every broken rule is reported at once, by field.</summary>
public static class ResourceValidation
{
    /// <summary>Longest resource id accepted.</summary>
    public const int MaxIdLength = 512;

    /// <summary>Throws <see cref="ValidationException"/> naming every bad field.</summary>
    public static void Validate(string id, ResourceSpec? spec)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength)
        {
            errors["id"] = [$"must be 1 to {MaxIdLength} characters"];
        }

        if (spec is null)
        {
            errors["body"] = ["is required"];
            throw new ValidationException(errors);
        }

        if (string.IsNullOrWhiteSpace(spec.Provider))
        {
            errors["provider"] = ["is required"];
        }

        if (string.IsNullOrWhiteSpace(spec.Kind))
        {
            errors["kind"] = ["is required"];
        }

        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            errors["name"] = ["is required"];
        }

        if (spec.CostPerHour < 0)
        {
            errors["costPerHour"] = ["must be 0 or more"];
        }

        if (!spec.Dependencies.IsDefault && spec.Dependencies.Any(d => string.IsNullOrWhiteSpace(d) || d == id))
        {
            errors["dependencies"] = ["must be non-empty ids other than the resource itself"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
