namespace AIOps.Benchmarks.Loghub;

/// <summary>One Loghub system's sample: each line's message (the <c>Content</c> column) and its true group (<c>EventId</c>).</summary>
/// <param name="Name">The system, from its folder name.</param>
/// <param name="Messages">The messages in file order.</param>
/// <param name="EventIds">The ground-truth group of each message.</param>
public sealed record LoghubSystem(string Name, IReadOnlyList<string> Messages, IReadOnlyList<string> EventIds)
{
    /// <summary>The file a system's sample is read from, inside the Loghub folder.</summary>
    public static string FilePath(string loghubDirectory, string name) =>
        Path.Combine(loghubDirectory, name, $"{name}_2k.log_structured.csv");

    /// <summary>Every system under <paramref name="loghubDirectory"/> that has <c>&lt;Sys&gt;/&lt;Sys&gt;_2k.log_structured.csv</c>, by name.</summary>
    public static IReadOnlyList<string> Discover(string loghubDirectory) =>
        Directory.EnumerateDirectories(loghubDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => File.Exists(FilePath(loghubDirectory, name)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Reads one system's structured file.</summary>
    public static async Task<LoghubSystem> LoadAsync(string loghubDirectory, string name, CancellationToken cancellationToken)
    {
        var path = FilePath(loghubDirectory, name);
        var records = LoghubCsv.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{path} is empty.");
        }

        var header = records[0];
        var content = Array.IndexOf(header, "Content");
        var eventId = Array.IndexOf(header, "EventId");
        if (content < 0 || eventId < 0)
        {
            throw new InvalidDataException($"{path} has no Content or EventId column (header: {string.Join(',', header)}).");
        }

        var messages = new List<string>();
        var events = new List<string>();
        foreach (var record in records.Skip(1))
        {
            if (record.Length == 1 && record[0].Length == 0)
            {
                continue;
            }

            if (record.Length <= Math.Max(content, eventId))
            {
                throw new InvalidDataException($"{path} line {messages.Count + 2} has {record.Length} fields, expected {header.Length}.");
            }

            messages.Add(record[content]);
            events.Add(record[eventId]);
        }

        return new LoghubSystem(name, messages, events);
    }
}
