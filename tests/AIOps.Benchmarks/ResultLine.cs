using System.Globalization;
using System.Text;

namespace AIOps.Benchmarks;

/// <summary>The one machine-readable line a benchmark ends with: <c>RESULT name key=value ...</c>.</summary>
public static class ResultLine
{
    /// <summary>Formats a number plainly: invariant culture, no exponent, no group separators.</summary>
    public static string Number(double value, int decimals = 1) =>
        double.IsFinite(value)
            ? Math.Round(value, decimals).ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture)
            : "NaN";

    /// <summary>Writes the line to standard output.</summary>
    public static void Write(string benchmark, params (string Key, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var line = new StringBuilder("RESULT ").Append(benchmark);
        foreach (var (key, value) in values)
        {
            line.Append(' ').Append(key).Append('=').Append(value);
        }

        Console.WriteLine(line.ToString());
    }
}
