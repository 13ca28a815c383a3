using System.Collections.Immutable;

namespace AIOps.Grains.Execution;

/// <summary>The ordered steps that carry out one agent action, and the parameters they share.</summary>
public sealed class ActionPlan
{
    /// <summary>Creates the plan; it needs at least one step, and step names must be unique (reports and resumes match steps by name).</summary>
    public ActionPlan(IEnumerable<IActionStep> steps, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = [.. steps];
        if (Steps.IsEmpty)
        {
            throw new ArgumentException("an action plan needs at least one step.", nameof(steps));
        }

        if (Steps.Any(s => s is null || string.IsNullOrWhiteSpace(s.Name)))
        {
            throw new ArgumentException("every step of an action plan needs a name.", nameof(steps));
        }

        var duplicate = Steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"step name '{duplicate.Key}' is used more than once in the plan.", nameof(steps));
        }

        Parameters = parameters?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty;
    }

    /// <summary>The steps, in the order they run.</summary>
    public ImmutableArray<IActionStep> Steps { get; }

    /// <summary>Values every step can read, e.g. the target deployment and the replica count.</summary>
    public ImmutableDictionary<string, string> Parameters { get; }
}
