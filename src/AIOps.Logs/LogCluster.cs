namespace AIOps.Logs;

/// <summary>One template inside the miner: its tokens, which wildcard positions came from merging, and its usage.</summary>
internal sealed class LogCluster(int id, string[] tokens)
{
    public int Id { get; } = id;

    public string[] Tokens { get; } = tokens;

    /// <summary>Positions turned into <c>&lt;*&gt;</c> by a merge: they match any word, not only values.</summary>
    public bool[] Generalized { get; } = new bool[tokens.Length];

    public string Text { get; private set; } = string.Join(' ', tokens);

    public long Count { get; set; }

    public long LastSeen { get; set; }

    /// <summary>Ids of the templates merged into this one, so they can be forgotten with it.</summary>
    public List<int> Absorbed { get; } = [];

    public int ConstantTokens(int except)
    {
        var count = 0;
        for (var i = 0; i < Tokens.Length; i++)
        {
            if (i != except && !LogTokenizer.IsValue(Tokens[i]))
            {
                count++;
            }
        }

        return count;
    }

    public void Generalize(int position)
    {
        Tokens[position] = LogTokenizer.Wildcard;
        Generalized[position] = true;
        Text = string.Join(' ', Tokens);
    }

    /// <summary>Whether a message with these masked tokens fits; a masked-value wildcard only takes values.</summary>
    public bool Matches(string[] masked)
    {
        for (var i = 0; i < Tokens.Length; i++)
        {
            var t = Tokens[i];
            if (ReferenceEquals(t, masked[i]) || t == masked[i])
            {
                continue;
            }

            if (t == LogTokenizer.Wildcard && (Generalized[i] || LogTokenizer.IsValue(masked[i])))
            {
                continue;
            }

            return false;
        }

        return true;
    }
}
