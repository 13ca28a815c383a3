using System.Text;

namespace AIOps.Logs;

/// <summary>
/// Online log template miner: takes one message at a time and says which template it belongs to.
/// <para>
/// Each message is split on white space and its values are masked (<see cref="LogTokenizer"/>: anything with a
/// digit, paths, URLs, host names, dates, units after a value). A message joins the most specific existing template
/// of the same length that it fits; if none fits, it starts a new template that is exactly its masked form. Templates
/// are then refined as lines arrive: when <see cref="LogTemplateMinerOptions.MinDistinctWords"/> templates are equal
/// everywhere except at one word, or two are and one of them holds a value there, they merge into one with
/// <c>&lt;*&gt;</c> at that position. A merged template keeps the lowest (oldest) id; the others stay in a merge table,
/// so <see cref="Resolve"/> maps any id ever returned to its current template.
/// </para>
/// <para>
/// Memory is bounded by <see cref="LogTemplateMinerOptions.MaxTemplates"/>: at the limit, the least recently seen
/// template is dropped with its merge-table entries before a new one is made. Thread safety: every public member
/// takes one lock, so the miner may be shared; calls are serialised.
/// </para>
/// </summary>
public sealed class LogTemplateMiner
{
    private const char Separator = '\u001f';

    private readonly Lock _gate = new();
    private readonly LogTemplateMinerOptions _options;
    private readonly Dictionary<int, LogCluster> _clusters = [];
    private readonly Dictionary<int, List<LogCluster>> _byLength = [];
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> _siblings = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _mergedInto = [];
    private readonly int _exactCapacity;
    private int _nextId = 1;
    private long _tick;
    private long _evicted;
    private long _merges;

    /// <summary>Creates a miner with the default settings.</summary>
    public LogTemplateMiner()
        : this(new LogTemplateMinerOptions())
    {
    }

    /// <summary>Creates a miner; the options are validated and copied.</summary>
    public LogTemplateMiner(LogTemplateMinerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = new LogTemplateMinerOptions
        {
            MaxTemplates = options.MaxTemplates,
            MinDistinctWords = options.MinDistinctWords,
            MinConstantTokens = options.MinConstantTokens,
            MaxTokens = options.MaxTokens,
        };
        _exactCapacity = (int)Math.Min(int.MaxValue / 2, 8L * options.MaxTemplates + 1024);
    }

    /// <summary>Templates currently held (at most <see cref="LogTemplateMinerOptions.MaxTemplates"/>).</summary>
    public int TemplateCount
    {
        get
        {
            lock (_gate)
            {
                return _clusters.Count;
            }
        }
    }

    /// <summary>Templates dropped so far because the limit was reached.</summary>
    public long EvictedCount
    {
        get
        {
            lock (_gate)
            {
                return _evicted;
            }
        }
    }

    /// <summary>Merges done so far (each folds two or more templates into one).</summary>
    public long MergeCount
    {
        get
        {
            lock (_gate)
            {
                return _merges;
            }
        }
    }

    /// <summary>Learns from <paramref name="message"/> and returns its template and parameters.</summary>
    public LogMatch Add(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var split = LogTokenizer.Split(message, _options.MaxTokens);
        var (raw, masked) = LogTokenizer.CollapseValueRuns(split, LogTokenizer.Mask(split));
        var key = string.Join(Separator, masked);
        lock (_gate)
        {
            var cluster = Find(masked, key, learn: true);
            if (cluster is null)
            {
                cluster = Create(masked, key);
                cluster = MergeSiblings(cluster);
            }

            cluster.Count++;
            cluster.LastSeen = ++_tick;
            return new LogMatch(cluster.Id, cluster.Text, Parameters(cluster.Tokens, raw));
        }
    }

    /// <summary>The template <paramref name="message"/> fits, without learning anything; null when none does.</summary>
    public LogMatch? Match(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var split = LogTokenizer.Split(message, _options.MaxTokens);
        var (raw, masked) = LogTokenizer.CollapseValueRuns(split, LogTokenizer.Mask(split));
        var key = string.Join(Separator, masked);
        lock (_gate)
        {
            var cluster = Find(masked, key, learn: false);
            return cluster is null ? null : new LogMatch(cluster.Id, cluster.Text, Parameters(cluster.Tokens, raw));
        }
    }

    /// <summary>The current id of a template returned earlier (following merges); null when it was dropped or never existed.</summary>
    public int? Resolve(int templateId)
    {
        lock (_gate)
        {
            var id = ResolveId(templateId);
            return _clusters.ContainsKey(id) ? id : null;
        }
    }

    /// <summary>The current template for an id returned earlier (following merges).</summary>
    public bool TryGetTemplate(int templateId, out LogTemplate template)
    {
        lock (_gate)
        {
            if (_clusters.TryGetValue(ResolveId(templateId), out var cluster))
            {
                template = new LogTemplate(cluster.Id, cluster.Text);
                return true;
            }

            template = null!;
            return false;
        }
    }

    /// <summary>A snapshot of all templates with their message counts, by id.</summary>
    public IReadOnlyList<LogTemplateCount> GetTemplates()
    {
        lock (_gate)
        {
            return _clusters.Values.OrderBy(c => c.Id).Select(c => new LogTemplateCount(new LogTemplate(c.Id, c.Text), c.Count)).ToList();
        }
    }

    private int ResolveId(int id)
    {
        var root = id;
        while (_mergedInto.TryGetValue(root, out var next))
        {
            root = next;
        }

        // Path compression keeps chains of merges short.
        while (id != root && _mergedInto.TryGetValue(id, out var next))
        {
            _mergedInto[id] = root;
            id = next;
        }

        return root;
    }

    private LogCluster? Find(string[] masked, string key, bool learn)
    {
        if (_exact.TryGetValue(key, out var cached))
        {
            if (_clusters.TryGetValue(ResolveId(cached), out var hit) && hit.Matches(masked))
            {
                return hit;
            }

            if (learn)
            {
                _exact.Remove(key);
            }
        }

        if (!_byLength.TryGetValue(masked.Length, out var candidates))
        {
            return null;
        }

        LogCluster? best = null;
        var bestConstants = -1;
        foreach (var candidate in candidates)
        {
            if (!candidate.Matches(masked))
            {
                continue;
            }

            var constants = candidate.ConstantTokens(-1);
            if (constants > bestConstants || (constants == bestConstants && candidate.Id < best!.Id))
            {
                best = candidate;
                bestConstants = constants;
            }
        }

        if (best is not null && learn)
        {
            Remember(key, best.Id);
        }

        return best;
    }

    private void Remember(string key, int id)
    {
        if (_exact.Count >= _exactCapacity)
        {
            // A cache, not state: dropping it only costs a scan on the next line of each shape.
            _exact.Clear();
        }

        _exact[key] = id;
    }

    private LogCluster Create(string[] masked, string key)
    {
        while (_clusters.Count >= _options.MaxTemplates)
        {
            Evict();
        }

        var cluster = new LogCluster(_nextId++, masked);
        _clusters.Add(cluster.Id, cluster);
        if (!_byLength.TryGetValue(masked.Length, out var list))
        {
            _byLength[masked.Length] = list = [];
        }

        list.Add(cluster);
        Index(cluster);
        Remember(key, cluster.Id);
        return cluster;
    }

    private void Evict()
    {
        LogCluster? oldest = null;
        foreach (var c in _clusters.Values)
        {
            if (oldest is null || c.LastSeen < oldest.LastSeen)
            {
                oldest = c;
            }
        }

        Remove(oldest!);
        foreach (var absorbed in oldest!.Absorbed)
        {
            _mergedInto.Remove(absorbed);
        }

        _evicted++;
    }

    private void Remove(LogCluster cluster)
    {
        Unindex(cluster);
        _clusters.Remove(cluster.Id);
        _byLength[cluster.Tokens.Length].Remove(cluster);
    }

    private LogCluster MergeSiblings(LogCluster start)
    {
        var work = new Stack<LogCluster>();
        work.Push(start);
        while (work.TryPop(out var cluster))
        {
            if (!_clusters.ContainsKey(cluster.Id))
            {
                continue;
            }

            for (var j = 0; j < cluster.Tokens.Length; j++)
            {
                if (cluster.ConstantTokens(j) < _options.MinConstantTokens)
                {
                    continue;
                }

                if (!_siblings.TryGetValue(SiblingKey(cluster.Tokens, j), out var group) || group.Count < 2)
                {
                    continue;
                }

                var members = group.Select(id => _clusters[id]).ToList();
                if (members.Count < _options.MinDistinctWords && !members.Any(m => LogTokenizer.IsValue(m.Tokens[j])))
                {
                    continue;
                }

                work.Push(Merge(members, j));
                break;
            }
        }

        return _clusters[ResolveId(start.Id)];
    }

    private LogCluster Merge(List<LogCluster> members, int position)
    {
        var root = members.MinBy(m => m.Id)!;
        foreach (var member in members)
        {
            Unindex(member);
        }

        foreach (var member in members)
        {
            if (member == root)
            {
                continue;
            }

            _clusters.Remove(member.Id);
            _byLength[member.Tokens.Length].Remove(member);
            _mergedInto[member.Id] = root.Id;
            root.Absorbed.Add(member.Id);
            root.Absorbed.AddRange(member.Absorbed);
            root.Count += member.Count;
            root.LastSeen = Math.Max(root.LastSeen, member.LastSeen);
            for (var i = 0; i < root.Generalized.Length; i++)
            {
                root.Generalized[i] |= member.Generalized[i];
            }
        }

        root.Generalize(position);
        Index(root);
        _merges++;
        return root;
    }

    private void Index(LogCluster cluster)
    {
        for (var j = 0; j < cluster.Tokens.Length; j++)
        {
            var key = SiblingKey(cluster.Tokens, j);
            if (!_siblings.TryGetValue(key, out var group))
            {
                _siblings[key] = group = [];
            }

            group.Add(cluster.Id);
        }
    }

    private void Unindex(LogCluster cluster)
    {
        for (var j = 0; j < cluster.Tokens.Length; j++)
        {
            var key = SiblingKey(cluster.Tokens, j);
            if (_siblings.TryGetValue(key, out var group) && group.Remove(cluster.Id) && group.Count == 0)
            {
                _siblings.Remove(key);
            }
        }
    }

    /// <summary>The template's tokens with position <paramref name="skip"/> blanked: templates sharing it differ only there.</summary>
    private static string SiblingKey(string[] tokens, int skip)
    {
        var builder = new StringBuilder();
        builder.Append(tokens.Length).Append(Separator).Append(skip);
        for (var i = 0; i < tokens.Length; i++)
        {
            builder.Append(Separator);
            if (i != skip)
            {
                builder.Append(tokens[i]);
            }
        }

        return builder.ToString();
    }

    private static string[] Parameters(string[] template, List<string> raw)
    {
        var values = new List<string>();
        for (var i = 0; i < template.Length; i++)
        {
            var t = template[i];
            if (!LogTokenizer.IsValue(t))
            {
                continue;
            }

            var at = t.IndexOf(LogTokenizer.Wildcard, StringComparison.Ordinal);
            var prefix = t.AsSpan(0, at);
            var suffix = t.AsSpan(at + LogTokenizer.Wildcard.Length);
            var token = raw[i];
            values.Add(t.Length > LogTokenizer.Wildcard.Length && token.Length >= prefix.Length + suffix.Length
                && token.AsSpan().StartsWith(prefix, StringComparison.Ordinal) && token.AsSpan().EndsWith(suffix, StringComparison.Ordinal)
                ? token[prefix.Length..(token.Length - suffix.Length)]
                : token);
        }

        return [.. values];
    }
}
