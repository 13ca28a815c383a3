using Npgsql;

namespace AIOps.Grains.Catalog;

/// <summary>A WHERE clause built from the filters a query actually sets, with positional parameters, so the planner sees only real conditions.</summary>
internal sealed class PostgresFilter
{
    private readonly List<string> _conditions = [];
    private readonly List<object> _values = [];

    /// <summary>The conditions joined with AND (TRUE when there are none).</summary>
    public string Clause => _conditions.Count == 0 ? "TRUE" : string.Join(" AND ", _conditions);

    /// <summary>Adds a value and returns its placeholder (<c>$n</c>).</summary>
    public string Parameter(object value)
    {
        _values.Add(value);
        return "$" + _values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Adds a condition.</summary>
    public void Where(string condition) => _conditions.Add(condition);

    /// <summary>A batch command for <paramref name="sql"/> with this filter's values (and <paramref name="extra"/> after them).</summary>
    public NpgsqlBatchCommand Command(string sql, params object[] extra)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in _values.Concat(extra))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>The placeholder the next value appended after the filter's own would take, 1 for the first extra.</summary>
    public string Next(int extra) => "$" + (_values.Count + extra).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>%text%</c> for LIKE, with LIKE's own wildcards in <paramref name="text"/> escaped.</summary>
    public static string Contains(string text) =>
        "%" + text.ToLowerInvariant().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
