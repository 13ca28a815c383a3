namespace AIOps.Benchmarks;

/// <summary>A plain text table: columns sized to their widest cell, numbers right-aligned.</summary>
public sealed class ResultTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; missing cells are left blank.</summary>
    public ResultTable Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _rows.Add(cells);
        return this;
    }

    /// <summary>Writes the table to standard output.</summary>
    public void Print()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        Console.WriteLine(Line(headers, widths));
        Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            Console.WriteLine(Line(row, widths));
        }

        Console.WriteLine();
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", widths.Select((w, i) =>
        {
            var cell = i < cells.Length ? cells[i] : "";
            return i > 0 && LooksNumeric(cell) ? cell.PadLeft(w) : cell.PadRight(w);
        })).TrimEnd();

    private static bool LooksNumeric(string cell) =>
        cell.Length > 0 && (char.IsDigit(cell[0]) || (cell[0] is '-' or '+' && cell.Length > 1 && char.IsDigit(cell[1])));
}
