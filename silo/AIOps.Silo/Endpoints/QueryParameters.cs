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

    /// <summary>An ISO 8601 time (UTC when it has no offset), or null when absent.</summary>
    public DateTimeOffset? Timestamp(string field, string? value)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        _errors[field] = ["must be an ISO 8601 time, e.g. 2026-11-26T10:00:00Z"];
        return null;
    }

    /// <summary>A positive duration: seconds (<c>60</c>), or with a unit (<c>30s</c>, <c>5m</c>, <c>1h</c>), or null when absent.</summary>
    public TimeSpan? Duration(string field, string? value)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        var (number, unit) = char.IsLetter(text[^1]) ? (text[..^1], text[^1]) : (text, 's');
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0
            && unit is 's' or 'm' or 'h')
        {
            return unit switch { 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromSeconds(amount) };
        }

        _errors[field] = ["must be a positive duration such as 60, 30s, 5m or 1h"];
        return null;
    }

    /// <summary>Records a bad parameter and returns the default.</summary>
    public T? Invalid<T>(string field, string message)
    {
        _errors[field] = [message];
        return default;
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
