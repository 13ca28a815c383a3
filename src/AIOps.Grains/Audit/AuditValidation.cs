using System.Text;
using System.Text.RegularExpressions;
using AIOps.Abstractions;
using AIOps.Abstractions.Audit;

namespace AIOps.Grains.Audit;

/// <summary>Rules for audit records and queries; every broken rule is reported at once, by field.</summary>
public static partial class AuditValidation
{
    /// <summary>Largest page a search may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>Longest actor, action or outcome accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest resource, action or agent id accepted.</summary>
    public const int MaxIdLength = 512;

    /// <summary>Longest reason or detail value accepted.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Most details one record may carry.</summary>
    public const int MaxDetails = 64;


    /// <summary>Throws <see cref="ValidationException"/> naming every bad field of <paramref name="record"/>.</summary>
    public static void Validate(AuditRecord? record)
    {
        if (record is null)
        {
            throw new ValidationException("record", "is required");
        }

        var errors = new Dictionary<string, string[]>();
        Required(errors, "actor", record.Actor, MaxNameLength);
        Required(errors, "action", record.Action, MaxNameLength);
        if (!errors.ContainsKey("action") && !ActionName().IsMatch(record.Action))
        {
            errors["action"] = ["must be lower-case words separated by '.', e.g. 'approval.granted'"];
        }

        Required(errors, "outcome", record.Outcome, MaxNameLength);
        Optional(errors, "resourceId", record.ResourceId, MaxIdLength);
        Optional(errors, "actionId", record.ActionId, MaxIdLength);
        Optional(errors, "agentId", record.AgentId, MaxIdLength);
        Optional(errors, "reason", record.Reason, MaxTextLength);
        if (record.Action == AuditActions.ActionStep && string.IsNullOrWhiteSpace(record.ActionId))
        {
            errors["actionId"] = [$"is required for '{AuditActions.ActionStep}'"];
        }

        if (record.Details is { } details)
        {
            if (details.Count > MaxDetails)
            {
                errors["details"] = [$"must have at most {MaxDetails} entries"];
            }
            else if (details.Any(d => string.IsNullOrEmpty(d.Key) || d.Key.Length > MaxNameLength || !StorableText.IsStorable(d.Key)))
            {
                errors["details"] = [$"keys must be 1 to {MaxNameLength} characters without NUL or unpaired surrogates"];
            }
            else if (details.Any(d => d.Value is null || d.Value.Length > MaxTextLength || !StorableText.IsStorable(d.Value)))
            {
                errors["details"] = [$"values must be present, at most {MaxTextLength} characters, without NUL or unpaired surrogates"];
            }
        }

        Throw(errors);
    }

    /// <summary>Throws <see cref="ValidationException"/> naming every bad field of <paramref name="query"/>.</summary>
    public static void Validate(AuditQuery? query)
    {
        if (query is null)
        {
            throw new ValidationException("query", "is required");
        }

        var errors = new Dictionary<string, string[]>();
        if (query.From is { } from && query.To is { } to && from >= to)
        {
            errors["to"] = ["must be after 'from'"];
        }

        Optional(errors, "actor", query.Actor, MaxNameLength);
        Optional(errors, "resource", query.ResourceId, MaxIdLength);
        Optional(errors, "actionId", query.ActionId, MaxIdLength);
        if (query.Action is not null && (query.Action.Length > MaxNameLength || !ActionName().IsMatch(query.Action)))
        {
            errors["action"] = ["must be an action name or its leading part, e.g. 'approval' or 'approval.granted'"];
        }

        if (query.Offset < 0)
        {
            errors["offset"] = ["must be 0 or more"];
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        }

        Throw(errors);
    }

    /// <summary>Throws <see cref="ValidationException"/> unless <paramref name="from"/> is before <paramref name="to"/>.</summary>
    public static void ValidateRange(DateTimeOffset from, DateTimeOffset to)
    {
        if (from >= to)
        {
            throw new ValidationException("to", "must be after 'from'");
        }
    }

    /// <summary>Throws <see cref="ValidationException"/> for an anchor that cannot be an entry's (sequence, hash).</summary>
    public static void Validate(AuditAnchor? anchor)
    {
        if (anchor is null)
        {
            return;
        }

        var errors = new Dictionary<string, string[]>();
        if (anchor.Sequence < 1)
        {
            errors["anchorSequence"] = ["must be 1 or more"];
        }

        if (anchor.Hash is null || anchor.Hash.Length != AuditHash.Length || !anchor.Hash.All(char.IsAsciiHexDigitLower))
        {
            errors["anchorHash"] = [$"must be {AuditHash.Length} lower-case hex digits"];
        }

        Throw(errors);
    }

    private static void Required(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["is required"];
        }
        else
        {
            Optional(errors, field, value, maxLength);
        }
    }

    private static void Optional(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            errors[field] = [$"must be at most {maxLength} characters"];
        }
        else if (!StorableText.IsStorable(value))
        {
            errors[field] = ["must not contain NUL or unpaired surrogates"];
        }
    }


    private static void Throw(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActionName();
}
