using System.Collections.Immutable;

namespace AIOps.Incidents.Runbooks;

/// <summary>The runbooks shipped with the platform (<c>deploy/runbooks/*.yaml</c>, embedded): one per simulated fault type.</summary>
public static class BuiltInRunbooks
{
    private static readonly Lazy<ImmutableDictionary<string, (Runbook Runbook, string Yaml)>> Loaded = new(Load);

    /// <summary>Every built-in runbook by id, with its YAML.</summary>
    public static ImmutableDictionary<string, (Runbook Runbook, string Yaml)> All => Loaded.Value;

    private static ImmutableDictionary<string, (Runbook, string)> Load()
    {
        var assembly = typeof(BuiltInRunbooks).Assembly;
        var result = ImmutableDictionary.CreateBuilder<string, (Runbook, string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("runbooks/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var yaml = reader.ReadToEnd();
            var runbook = RunbookParser.Parse(yaml);
            result.Add(runbook.Id, (runbook, yaml));
        }

        return result.ToImmutable();
    }
}
