using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AIOps.Abstractions;

namespace AIOps.Grains.Credentials;

/// <summary>
/// Rules for credential input. Every broken rule is reported at once, by field (<c>fields.secretAccessKey</c>); no
/// message ever repeats a value, since values may be secrets.
/// </summary>
public static partial class CredentialValidation
{
    /// <summary>Most bytes (UTF-8) all field names and values of one credential may take together.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>Longest description accepted.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>Longest actor accepted (as in the audit trail).</summary>
    public const int MaxActorLength = 200;

    private const string NameRule = "must be 1 to 63 characters: lower-case letters, digits, '-', '_' or '.', starting with a letter or digit";


    /// <summary>The wire name of <paramref name="kind"/>, e.g. <c>aws-access-key</c>.</summary>
    public static string WireName(CredentialKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    /// <summary>The kind whose <see cref="WireName"/> is <paramref name="wireName"/>, if any.</summary>
    public static CredentialKind? ParseWireName(string? wireName) =>
        Enum.GetValues<CredentialKind>().Select(k => (CredentialKind?)k).FirstOrDefault(k => WireName(k!.Value) == wireName);

    /// <summary>Throws <see cref="ValidationException"/> for <paramref name="field"/> unless <paramref name="value"/> is a valid name.</summary>
    public static void ValidateName(string? value, string field = "name")
    {
        if (!IsName(value))
        {
            throw new ValidationException(field, NameRule);
        }
    }

    /// <summary>Throws <see cref="ValidationException"/> for a missing or overlong actor.</summary>
    public static void ValidateActor(string? actor)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > MaxActorLength || !StorableText.IsStorable(actor))
        {
            throw new ValidationException("actor", $"must be 1 to {MaxActorLength} characters");
        }
    }

    /// <summary>Checks a new credential; returns its kind and fields without empty optional ones.</summary>
    public static (CredentialKind Kind, IReadOnlyDictionary<string, string> Fields) Validate(NewCredential? credential)
    {
        if (credential is null)
        {
            throw new ValidationException("body", "is required");
        }

        var errors = new Dictionary<string, string[]>();
        if (credential.Team is not null && !IsName(credential.Team))
        {
            errors["team"] = [NameRule];
        }

        if (credential.Description is { } description && (description.Length > MaxDescriptionLength || !StorableText.IsStorable(description)))
        {
            errors["description"] = [$"must be at most {MaxDescriptionLength} characters, without NUL or unpaired surrogates"];
        }

        IReadOnlyDictionary<string, string> fields = new Dictionary<string, string>();
        if (credential.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = [$"is required: one of {string.Join(", ", Enum.GetValues<CredentialKind>().Select(WireName))}"];
            kind = default;
        }
        else
        {
            fields = CheckFields(kind, credential.Fields, errors);
        }

        Throw(errors);
        return (kind, fields);
    }

    /// <summary>Checks the fields of a new version of a <paramref name="kind"/> credential; returns them without empty optional ones.</summary>
    public static IReadOnlyDictionary<string, string> Validate(CredentialKind kind, CredentialRotation? rotation)
    {
        if (rotation is null)
        {
            throw new ValidationException("body", "is required");
        }

        var errors = new Dictionary<string, string[]>();
        var fields = CheckFields(kind, rotation.Fields, errors);
        Throw(errors);
        return fields;
    }

    private static SortedDictionary<string, string> CheckFields(CredentialKind kind, IReadOnlyDictionary<string, string>? given, Dictionary<string, string[]> errors)
    {
        var accepted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (given is null || given.Count == 0)
        {
            errors["fields"] = [kind == CredentialKind.Generic
                ? "is required: at least one name → secret value"
                : $"is required: {Describe(CredentialSchema.For(kind))}"];
            return accepted;
        }

        if (kind == CredentialKind.Generic)
        {
            CheckGeneric(given, accepted, errors);
        }
        else
        {
            CheckKnown(kind, given, accepted, errors);
        }

        if (!errors.Keys.Any(k => k.StartsWith("fields", StringComparison.Ordinal))
            && accepted.Sum(f => (long)StorableText.StrictUtf8.GetByteCount(f.Key) + StorableText.StrictUtf8.GetByteCount(f.Value)) > MaxPayloadBytes)
        {
            errors["fields"] = [$"must take at most {MaxPayloadBytes / 1024} KiB in all"];
        }

        return accepted;
    }

    private static void CheckKnown(CredentialKind kind, IReadOnlyDictionary<string, string> given, SortedDictionary<string, string> accepted, Dictionary<string, string[]> errors)
    {
        var schema = CredentialSchema.For(kind);
        foreach (var name in given.Keys.Where(k => schema.All(f => f.Name != k)))
        {
            // A name is echoed only when it looks like one: whatever else was sent in its place may be a secret.
            var key = GenericFieldName().IsMatch(name) ? $"fields.{name}" : "fields";
            errors[key] = [$"is not a field of {WireName(kind)}; its fields are {Describe(schema)}"];
        }

        foreach (var field in schema)
        {
            var key = $"fields.{field.Name}";
            given.TryGetValue(field.Name, out var value);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (field.Required)
                {
                    errors[key] = ["is required"];
                }

                continue;
            }

            if (value.Length > field.MaxLength)
            {
                errors[key] = [$"must be at most {field.MaxLength} characters"];
            }
            else if (!StorableText.IsStorable(value))
            {
                errors[key] = ["must not contain NUL or unpaired surrogates"];
            }
            else if (field.Pattern is { } pattern && !pattern.IsMatch(value))
            {
                errors[key] = [field.PatternHint ?? "is not in the expected format"];
            }
            else
            {
                accepted[field.Name] = value;
            }
        }
    }

    private static void CheckGeneric(IReadOnlyDictionary<string, string> given, SortedDictionary<string, string> accepted, Dictionary<string, string[]> errors)
    {
        if (given.Count > CredentialSchema.MaxGenericFields)
        {
            errors["fields"] = [$"must have at most {CredentialSchema.MaxGenericFields} entries"];
            return;
        }

        foreach (var (name, value) in given)
        {
            if (!GenericFieldName().IsMatch(name))
            {
                errors["fields"] = ["names must be 1 to 64 letters, digits, '_', '-' or '.', starting with a letter or digit"];
                continue;
            }

            var key = $"fields.{name}";
            if (string.IsNullOrEmpty(value))
            {
                errors[key] = ["must have a value"];
            }
            else if (value.Length > CredentialSchema.MaxKubeconfigLength)
            {
                errors[key] = [$"must be at most {CredentialSchema.MaxKubeconfigLength} characters"];
            }
            else if (!StorableText.IsStorable(value))
            {
                errors[key] = ["must not contain NUL or unpaired surrogates"];
            }
            else
            {
                accepted[name] = value;
            }
        }
    }

    private static string Describe(IReadOnlyList<CredentialField> schema) =>
        string.Join(", ", schema.Select(f => f.Required ? f.Name : f.Name + " (optional)"));

    private static bool IsName(string? value) => value is not null && Name().IsMatch(value);


    private static void Throw(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex GenericFieldName();
}
