using System.Globalization;
using AIOps.Abstractions;

namespace AIOps.Silo.Endpoints;

/// <summary>
/// Reads query-string parameters as text and collects every bad one, so a request with two mistakes gets one 400
/// naming both (binding to <c>int?</c> would stop at the first, with the framework's wording).
/// </summary>
internal sealed class QueryParameters
{
    private readonly Dictionary<string, string[]> _errors = [];

    /// <summary>Null for blank, otherwise trimmed.</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A whole number, or null when absent.</summary>
    public int? Integer(string field, string? value)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        _errors[field] = ["must be a whole number"];
        return null;
    }

    /// <summary>An enum in the API's spelling, or null when absent.</summary>
    public T? Enum<T>(string field, string? value)
        where T : struct, Enum
    {
        try
        {
            return WireEnum.Parse<T>(value, field);
        }
        catch (ValidationException e)
        {
            foreach (var (key, messages) in e.Errors)
            {
                _errors[key] = messages;
            }

            return null;
        }
    }

    /// <summary><see cref="ValidationException"/> naming every bad parameter, if any.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException(_errors);
        }
    }
}
