using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using AIOps.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AIOps.Incidents.Runbooks;

/// <summary>
/// Reads a runbook from YAML and checks it. Every problem is reported with the field's path and the line it is on
/// (<c>steps[2].action: unknown action 'reboot' (line 14)</c>), all of them at once, as a <see cref="ValidationException"/>.
/// </summary>
public static partial class RunbookParser
{
    /// <summary>Largest accepted document, in characters.</summary>
    public const int MaxLength = 64 * 1024;

    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(2);

    /// <summary>Parses and validates <paramref name="yaml"/>; <paramref name="expectedId"/>, when given, must equal the document's id.</summary>
    public static Runbook Parse(string yaml, string? expectedId = null)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(yaml))
        {
            throw new ValidationException("yaml", "the runbook document is empty");
        }

        if (yaml.Length > MaxLength)
        {
            throw new ValidationException("yaml", $"the runbook document is longer than {MaxLength} characters");
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                var line = stream.Documents.Count > 0 ? stream.Documents[0].RootNode.Start.Line : 1;
                throw new ValidationException("yaml", $"expected one YAML document whose top level is a mapping with id, incidentTypes and steps (line {line})");
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            throw new ValidationException("yaml", $"{e.Message} (line {e.Start.Line})");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some malformed flow collections this way, without a position.
            throw new ValidationException("yaml", $"malformed YAML: {e.Message} (line unknown)");
        }

        Known(root, "", errors, "id", "name", "description", "incidentTypes", "match", "parameters", "steps");
        var id = Scalar(root, "id", "id", errors, required: true);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            errors.Add("id", $"'{id}' must be lower-case letters, digits and dashes, at most 64 (line {Line(root, "id")})");
        }
        else if (id is not null && expectedId is not null && id != expectedId)
        {
            errors.Add("id", $"'{id}' does not match the id in the path, '{expectedId}' (line {Line(root, "id")})");
        }

        var name = Scalar(root, "name", "name", errors, required: false) ?? id ?? "";
        var description = Scalar(root, "description", "description", errors, required: false) ?? "";
        var types = Strings(root, "incidentTypes", errors);
        if (types.IsEmpty)
        {
            errors.Add("incidentTypes", $"at least one incident type is required (line {Line(root, "incidentTypes")})");
        }

        var match = Map(root, "match", "match", errors);
        var parameters = ParseParameters(root, errors);
        var names = parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var steps = ImmutableArray<RunbookStep>.Empty;
        if (Child(root, "steps") is not YamlSequenceNode stepNodes || stepNodes.Children.Count == 0)
        {
            errors.Add("steps", $"at least one step is required (line {Line(root, "steps")})");
        }
        else
        {
            steps = [.. stepNodes.Children.Select((node, i) => ParseStep(node, $"steps[{i}]", names, errors, nested: false))];
        }

        errors.ThrowIfAny();
        return new Runbook(id!, name, description, types, match, parameters, steps);
    }

    private static ImmutableArray<RunbookParameter> ParseParameters(YamlMappingNode root, Errors errors)
    {
        if (Child(root, "parameters") is not { } node)
        {
            return [];
        }

        if (node is not YamlSequenceNode list)
        {
            errors.Add("parameters", $"must be a list (line {node.Start.Line})");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<RunbookParameter>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var field = $"parameters[{i}]";
            if (list.Children[i] is not YamlMappingNode p)
            {
                errors.Add(field, $"must be a mapping with name, from, default, required (line {list.Children[i].Start.Line})");
                continue;
            }

            Known(p, field, errors, "name", "from", "default", "required");
            var name = Scalar(p, "name", $"{field}.name", errors, required: true);
            if (name is not null && !NamePattern().IsMatch(name))
            {
                errors.Add($"{field}.name", $"'{name}' must start with a letter and hold letters, digits and underscores (line {Line(p, "name")})");
            }
            else if (name is not null && result.Any(r => r.Name == name))
            {
                errors.Add($"{field}.name", $"'{name}' is declared twice (line {Line(p, "name")})");
            }

            var from = Scalar(p, "from", $"{field}.from", errors, required: false);
            if (from is not null && ParameterSource.TryParse(from) is null)
            {
                errors.Add($"{field}.from", $"'{from}' is not a source; use incident.resource(kind=...)[.property], incident.label.<name>, incident.id or incident.type (line {Line(p, "from")})");
            }

            var defaultValue = Scalar(p, "default", $"{field}.default", errors, required: false);
            var requiredText = Scalar(p, "required", $"{field}.required", errors, required: false);
            var required = requiredText is null ? defaultValue is null : requiredText is "true" or "yes";
            if (requiredText is not null and not ("true" or "false" or "yes" or "no"))
            {
                errors.Add($"{field}.required", $"must be true or false (line {Line(p, "required")})");
            }

            if (from is null && defaultValue is null)
            {
                errors.Add($"{field}.from", $"a parameter needs a source or a default (line {p.Start.Line})");
            }

            result.Add(new RunbookParameter(name ?? "", from, defaultValue, required));
        }

        return result.ToImmutable();
    }

    private static RunbookStep ParseStep(YamlNode node, string field, HashSet<string> parameters, Errors errors, bool nested)
    {
        if (node is not YamlMappingNode s)
        {
            errors.Add(field, $"must be a mapping with at least an action (line {node.Start.Line})");
            return new RunbookStep("", "", null, ImmutableDictionary<string, string>.Empty, null, FailurePolicy.Stop, [], null, null, (int)node.Start.Line);
        }

        Known(s, field, errors, "name", "action", "target", "with", "verify", "onFailure", "compensate", "risk", "integration");
        var action = Scalar(s, "action", $"{field}.action", errors, required: true);
        if (action is not null && !RunbookActions.All.Contains(action))
        {
            errors.Add($"{field}.action", $"unknown action '{action}' (line {Line(s, "action")}); known: {string.Join(", ", RunbookActions.All)}");
            action = null;
        }

        var name = Scalar(s, "name", $"{field}.name", errors, required: false) ?? action ?? "";
        var target = Scalar(s, "target", $"{field}.target", errors, required: false);
        if (target is null && action is not null && (RunbookActions.IsEstateAction(action) || action == RunbookActions.Wait))
        {
            errors.Add($"{field}.target", $"a {action} step needs a target (line {s.Start.Line})");
        }

        var with = Map(s, "with", $"{field}.with", errors);
        foreach (var text in with.Values.Append(target ?? ""))
        {
            foreach (var missing in Template.Names(text).Where(n => !parameters.Contains(n)))
            {
                errors.Add(target is not null && text == target ? $"{field}.target" : $"{field}.with", $"unknown parameter '{missing}' (line {s.Start.Line})");
            }
        }

        var integration = Scalar(s, "integration", $"{field}.integration", errors, required: false);
        if (action is RunbookActions.Notify or RunbookActions.Command && integration is null)
        {
            errors.Add($"{field}.integration", $"a {action} step names the integration that receives it (line {s.Start.Line})");
        }

        RunbookVerify? verify = null;
        if (Child(s, "verify") is { } verifyNode)
        {
            verify = ParseVerify(verifyNode, $"{field}.verify", errors);
        }
        else if (action == RunbookActions.Wait)
        {
            errors.Add($"{field}.verify", $"a wait step needs verify: metric, comparison, threshold, within, every (line {s.Start.Line})");
        }

        var onFailureText = Scalar(s, "onFailure", $"{field}.onFailure", errors, required: false);
        var onFailure = onFailureText switch
        {
            null or "stop" => FailurePolicy.Stop,
            "continue" => FailurePolicy.Continue,
            "compensate" => FailurePolicy.Compensate,
            _ => Invalid(errors, $"{field}.onFailure", $"must be stop, continue or compensate; got '{onFailureText}' (line {Line(s, "onFailure")})", FailurePolicy.Stop),
        };
        var riskText = Scalar(s, "risk", $"{field}.risk", errors, required: false);
        RiskLevel? risk = riskText switch
        {
            null => null,
            "low" => RiskLevel.Low,
            "medium" => RiskLevel.Medium,
            "high" => RiskLevel.High,
            "critical" => RiskLevel.Critical,
            _ => Invalid<RiskLevel?>(errors, $"{field}.risk", $"must be low, medium, high or critical; got '{riskText}' (line {Line(s, "risk")})", null),
        };
        var compensate = ImmutableArray<RunbookStep>.Empty;
        if (Child(s, "compensate") is { } compensateNode)
        {
            if (nested)
            {
                errors.Add($"{field}.compensate", $"compensation steps cannot have compensation of their own (line {compensateNode.Start.Line})");
            }
            else if (compensateNode is not YamlSequenceNode list)
            {
                errors.Add($"{field}.compensate", $"must be a list of steps (line {compensateNode.Start.Line})");
            }
            else
            {
                compensate = [.. list.Children.Select((c, i) => ParseStep(c, $"{field}.compensate[{i}]", parameters, errors, nested: true))];
            }
        }

        return new RunbookStep(name, action ?? "", target, with, verify, onFailure, compensate, risk, integration, (int)s.Start.Line);
    }

    private static RunbookVerify? ParseVerify(YamlNode node, string field, Errors errors)
    {
        if (node is not YamlMappingNode v)
        {
            errors.Add(field, $"must be a mapping (line {node.Start.Line})");
            return null;
        }

        Known(v, field, errors, "metric", "comparison", "threshold", "within", "every", "over");
        var metric = Scalar(v, "metric", $"{field}.metric", errors, required: true);
        var comparisonText = Scalar(v, "comparison", $"{field}.comparison", errors, required: true);
        var comparison = comparisonText switch
        {
            "<" or "below" => Comparison.Below,
            "<=" or "at-most" => Comparison.AtMost,
            ">" or "above" => Comparison.Above,
            ">=" or "at-least" => Comparison.AtLeast,
            "==" or "equal" => Comparison.Equal,
            null => Comparison.Below,
            _ => Invalid(errors, $"{field}.comparison", $"must be one of <, <=, >, >=, ==; got '{comparisonText}' (line {Line(v, "comparison")})", Comparison.Below),
        };
        var thresholdText = Scalar(v, "threshold", $"{field}.threshold", errors, required: true);
        var threshold = 0d;
        if (thresholdText is not null && (!double.TryParse(thresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || !double.IsFinite(threshold)))
        {
            errors.Add($"{field}.threshold", $"'{thresholdText}' is not a number (line {Line(v, "threshold")})");
        }

        var within = Duration(v, "within", $"{field}.within", errors, TimeSpan.FromMinutes(5));
        var every = Duration(v, "every", $"{field}.every", errors, TimeSpan.FromSeconds(15));
        if (within > MaxWait)
        {
            errors.Add($"{field}.within", $"at most {MaxWait.TotalHours} hours (line {Line(v, "within")})");
        }

        if (every > within)
        {
            errors.Add($"{field}.every", $"must not be longer than within (line {Line(v, "every")})");
        }

        var overText = Scalar(v, "over", $"{field}.over", errors, required: false);
        var over = overText switch
        {
            null or "target" => VerifyScope.Target,
            "dependencies" => VerifyScope.Dependencies,
            _ => Invalid(errors, $"{field}.over", $"must be target or dependencies; got '{overText}' (line {Line(v, "over")})", VerifyScope.Target),
        };
        return new RunbookVerify(metric ?? "", comparison, threshold, within, every, over);
    }

    /// <summary>Parses <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1m30s</c>, <c>500ms</c> or <c>00:05:00</c>.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = DurationPattern().Match(text.Trim());
        if (match.Success)
        {
            var total = TimeSpan.Zero;
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var unit = part.Value.TrimStart("0123456789".ToCharArray());
                var number = long.Parse(part.Value[..^unit.Length], CultureInfo.InvariantCulture);
                total += unit switch
                {
                    "ms" => TimeSpan.FromMilliseconds(number),
                    "s" => TimeSpan.FromSeconds(number),
                    "m" => TimeSpan.FromMinutes(number),
                    _ => TimeSpan.FromHours(number),
                };
            }

            return total;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    private static TimeSpan Duration(YamlMappingNode node, string key, string field, Errors errors, TimeSpan fallback)
    {
        var text = Scalar(node, key, field, errors, required: false);
        if (text is null)
        {
            return fallback;
        }

        if (ParseDuration(text) is { } d && d > TimeSpan.Zero)
        {
            return d;
        }

        errors.Add(field, $"'{text}' is not a positive duration such as 30s, 5m or 1h (line {Line(node, key)})");
        return fallback;
    }

    private static T Invalid<T>(Errors errors, string field, string message, T fallback)
    {
        errors.Add(field, message);
        return fallback;
    }

    private static void Known(YamlMappingNode node, string field, Errors errors, params string[] keys)
    {
        foreach (var (key, _) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!keys.Contains(name))
            {
                errors.Add(field.Length == 0 ? name : $"{field}.{name}", $"unknown field '{name}' (line {key.Start.Line}); known: {string.Join(", ", keys)}");
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && !(child is YamlScalarNode { Value: null or "" or "~" or "null" } && child.Tag.IsEmpty) ? child : null;

    private static long Line(YamlMappingNode node, string key) =>
        node.Children.Keys.FirstOrDefault(k => (k as YamlScalarNode)?.Value == key)?.Start.Line ?? node.Start.Line;

    private static string? Scalar(YamlMappingNode node, string key, string field, Errors errors, bool required)
    {
        var child = Child(node, key);
        if (child is null)
        {
            if (required)
            {
                errors.Add(field, $"is required (line {node.Start.Line})");
            }

            return null;
        }

        if (child is not YamlScalarNode scalar)
        {
            errors.Add(field, $"must be a single value (line {child.Start.Line})");
            return null;
        }

        return scalar.Value;
    }

    private static ImmutableArray<string> Strings(YamlMappingNode node, string key, Errors errors)
    {
        switch (Child(node, key))
        {
            case null:
                return [];
            case YamlScalarNode scalar:
                return [scalar.Value ?? ""];
            case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode { Value: { Length: > 0 } }):
                return [.. list.Children.Select(c => ((YamlScalarNode)c).Value!)];
            case var other:
                errors.Add(key, $"must be a list of names (line {other.Start.Line})");
                return [];
        }
    }

    private static ImmutableDictionary<string, string> Map(YamlMappingNode node, string key, string field, Errors errors)
    {
        switch (Child(node, key))
        {
            case null:
                return ImmutableDictionary<string, string>.Empty;
            case YamlMappingNode map:
                var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                foreach (var (k, v) in map.Children)
                {
                    if (k is YamlScalarNode { Value: { Length: > 0 } name } && v is YamlScalarNode value)
                    {
                        result[name] = value.Value ?? "";
                    }
                    else
                    {
                        errors.Add(field, $"must map names to single values (line {k.Start.Line})");
                    }
                }

                return result.ToImmutable();
            case var other:
                errors.Add(field, $"must be a mapping (line {other.Start.Line})");
                return ImmutableDictionary<string, string>.Empty;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^(?<part>[0-9]+(ms|s|m|h))+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }

            list.Add(message);
        }

        public void ThrowIfAny()
        {
            if (_errors.Count > 0)
            {
                throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
            }
        }
    }
}
