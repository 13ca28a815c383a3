using System.Globalization;
using System.Text.RegularExpressions;
using AIOps.Abstractions;

namespace AIOps.Incidents.Runbooks;

/// <summary>
/// Runbook templates: <c>{{ name }}</c> is a parameter, <c>{{ name.property }}</c> a property of the resource it names
/// (observed, then desired state, then tags, plus <c>id</c> and <c>kind</c>), and <c>{{ x * 4 }}</c>, <c>+</c>, <c>-</c>
/// do integer arithmetic (rounded up), e.g. <c>replicas: "{{ deployment.replicas * 4 }}"</c>.
/// </summary>
public static partial class Template
{
    /// <summary>Parameter names a template refers to.</summary>
    public static IEnumerable<string> Names(string text) =>
        Expression().Matches(text ?? "").Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal);

    /// <summary>Renders <paramref name="text"/>; <see cref="ValidationException"/> on <paramref name="field"/> when a value is missing or not a number.</summary>
    public static string Render(string text, IReadOnlyDictionary<string, ParameterValue> values, string field)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Expression().Replace(text ?? "", m =>
        {
            var name = m.Groups["name"].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new ValidationException(field, $"parameter '{name}' has no value");
            }

            var result = value.Text;
            if (m.Groups["prop"].Success)
            {
                var prop = m.Groups["prop"].Value;
                result = value.Resource is not { } resource ? throw new ValidationException(field, $"parameter '{name}' is not a resource; it has no '{prop}'")
                    : prop == "id" ? resource.Id
                    : prop == "kind" ? resource.Kind
                    : resource.Properties.TryGetValue(prop, out var p) ? p
                    : throw new ValidationException(field, $"resource '{resource.Id}' has no property '{prop}'");
            }

            if (m.Groups["op"].Success)
            {
                if (!double.TryParse(result, NumberStyles.Float, CultureInfo.InvariantCulture, out var left))
                {
                    throw new ValidationException(field, $"'{result}' ({name}) is not a number");
                }

                var right = double.Parse(m.Groups["num"].Value, CultureInfo.InvariantCulture);
                var computed = m.Groups["op"].Value switch
                {
                    "*" => left * right,
                    "+" => left + right,
                    _ => left - right,
                };
                result = ((long)Math.Ceiling(computed)).ToString(CultureInfo.InvariantCulture);
            }

            return result;
        });
    }

    [GeneratedRegex("\\{\\{\\s*(?<name>[A-Za-z][A-Za-z0-9_]*)(\\.(?<prop>[A-Za-z0-9_.-]+))?\\s*((?<op>[*+-])\\s*(?<num>[0-9]+(\\.[0-9]+)?))?\\s*\\}\\}", RegexOptions.CultureInvariant)]
    private static partial Regex Expression();
}
