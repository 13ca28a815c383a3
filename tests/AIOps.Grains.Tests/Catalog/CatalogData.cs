using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Tests.Catalog;

/// <summary>A deterministic estate of catalog entries with every combination the filters and sums care about.</summary>
internal static class CatalogData
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Providers = ["aws", "azure", "k8s", "tf"];

    private static readonly string[] Kinds = ["vm", "deployment", "bucket"];

    private static readonly string?[] Teams = ["shop", "payments", "platform", null];

    private static readonly string?[] Environments = ["production", "staging", null];

    /// <summary><paramref name="count"/> resources; every seventh has no cost, costs have up to four decimals.</summary>
    public static List<ResourceSummary> Estate(int count, string prefix = "r") =>
    [
        .. Enumerable.Range(0, count).Select(i => new ResourceSummary(
            $"{prefix}:{Providers[i % Providers.Length]}:{i:D5}",
            Providers[i % Providers.Length],
            Kinds[i % Kinds.Length],
            (i % 5 == 0 ? "Web-" : "db-") + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            i % 2 == 0 ? "eu-west-1" : "us-east-1",
            Teams[(i / 3) % Teams.Length],
            Environments[i % Environments.Length],
            (ResourceHealth)(i % 4),
            i % 7 == 0 ? 0m : decimal.Round(0.0125m * ((i * 37) % 101), 4),
            At.AddMinutes(i),
            1 + (i % 3))),
    ];
}
