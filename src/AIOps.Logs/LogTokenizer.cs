namespace AIOps.Logs;

/// <summary>
/// Splits a message into tokens and masks the ones that carry data. The rules are the same for every input:
/// a token with a digit is a value (numbers, ids, addresses, timestamps, hex); so are paths, URLs, host names with
/// a top-level domain, day and month names, and a size or time unit right after a value. A run of three or more
/// dots (dot leaders, as in <c>status......0</c>) ends a token, so the word before it stays a word.
/// </summary>
internal static class LogTokenizer
{
    /// <summary>What a masked value looks like in a template.</summary>
    public const string Wildcard = "<*>";

    private const string Shell = "()[]{}<>,;:\"'`!?";

    private static readonly HashSet<string> DateWords = new(StringComparer.Ordinal)
    {
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
    };

    private static readonly HashSet<string> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        "B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB", "bytes", "ms", "us", "ns", "s", "sec", "secs", "seconds", "min", "mins", "minutes",
    };

    private static readonly HashSet<string> GenericTopLevelDomains = new(StringComparer.Ordinal)
    {
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "local", "lan", "internal", "localdomain",
    };

    // Two-letter endings that are far more often the last word of a dotted key (mapred.task.id) than a country.
    private static readonly HashSet<string> NotCountryCodes = new(StringComparer.Ordinal)
    {
        "id", "is", "in", "to", "me", "it", "io", "do", "at", "on", "no", "so", "go", "be", "as", "by", "of", "or", "up", "us", "ok",
    };

    /// <summary>Splits <paramref name="message"/> into raw tokens; at most <paramref name="maxTokens"/>, the rest joined into the last.</summary>
    public static List<string> Split(string message, int maxTokens)
    {
        var tokens = new List<string>();
        var i = 0;
        var n = message.Length;
        while (i < n)
        {
            while (i < n && char.IsWhiteSpace(message[i]))
            {
                i++;
            }

            if (i >= n)
            {
                break;
            }

            if (tokens.Count == maxTokens - 1)
            {
                tokens.Add(message[i..].TrimEnd());
                break;
            }

            var start = i;
            var dots = 0;
            while (i < n && !char.IsWhiteSpace(message[i]))
            {
                if (message[i] == '.')
                {
                    dots++;
                }
                else if (dots >= 3)
                {
                    break;
                }
                else
                {
                    dots = 0;
                }

                i++;
            }

            tokens.Add(message[start..i]);
        }

        return tokens;
    }

    /// <summary>The masked form of every token: the token itself, <see cref="Wildcard"/>, or <c>key=&lt;*&gt;</c>.</summary>
    public static string[] Mask(List<string> tokens)
    {
        var masked = new string[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            masked[i] = MaskToken(token);
            if (i > 0 && masked[i - 1] == Wildcard && masked[i] == token && Units.Contains(token.Trim(Shell.ToCharArray())))
            {
                masked[i] = Wildcard;
            }
        }

        return masked;
    }

    /// <summary>
    /// Folds each run of adjacent whole-token values into one, in both lists, so a list of values of any length
    /// (<c>delete a b c</c>) gives one template; the raw tokens of a run are kept joined by a space.
    /// </summary>
    public static (List<string> Raw, string[] Masked) CollapseValueRuns(List<string> raw, string[] masked)
    {
        var outRaw = new List<string>(raw.Count);
        var outMasked = new List<string>(masked.Length);
        for (var i = 0; i < masked.Length; i++)
        {
            if (masked[i] == Wildcard && i > 0 && masked[i - 1] == Wildcard && SameShape(raw[i - 1], raw[i]))
            {
                outRaw[^1] = outRaw[^1] + " " + raw[i];
                continue;
            }

            outRaw.Add(raw[i]);
            outMasked.Add(masked[i]);
        }

        return (outRaw, [.. outMasked]);
    }

    /// <summary>Whether two value tokens look alike once hex digits and signs are ignored (two block ids, two numbers, two hex words).</summary>
    private static bool SameShape(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && (char.IsAsciiHexDigit(a[i]) || a[i] is '-' or '+'))
            {
                i++;
            }

            while (j < b.Length && (char.IsAsciiHexDigit(b[j]) || b[j] is '-' or '+'))
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return i == a.Length && j == b.Length;
            }

            if (a[i] != b[j])
            {
                return false;
            }

            i++;
            j++;
        }
    }

    /// <summary>True when a masked token carries a value (it is or contains <see cref="Wildcard"/>).</summary>
    public static bool IsValue(string masked) => masked.Contains(Wildcard, StringComparison.Ordinal);

    private static string MaskToken(string token)
    {
        foreach (var c in token)
        {
            if (char.IsAsciiDigit(c))
            {
                return Wildcard;
            }
        }

        var core = token.AsSpan().Trim(Shell);
        if (core.IsEmpty)
        {
            return token;
        }

        if (IsDataWord(core))
        {
            return Wildcard;
        }

        var equals = core.IndexOf('=');
        if (equals > 0 && equals < core.Length - 1 && IsDataWord(core[(equals + 1)..]))
        {
            var offset = token.AsSpan().IndexOf(core);
            return string.Concat(token.AsSpan(0, offset + equals + 1), Wildcard, token.AsSpan(offset + core.Length));
        }

        return token;
    }

    private static bool IsDataWord(ReadOnlySpan<char> core) =>
        core.Contains("://", StringComparison.Ordinal)
        || (core[0] == '/' && core[1..].Contains('/'))
        || (core.Length > 2 && core[1] == ':' && core[2] == '\\')
        || DateWords.Contains(core.ToString())
        || IsHostName(core);

    private static bool IsHostName(ReadOnlySpan<char> core)
    {
        if (!char.IsAsciiLetter(core[0]))
        {
            return false;
        }

        var dots = 0;
        var label = 0;
        foreach (var c in core)
        {
            if (c == '.')
            {
                if (label == 0)
                {
                    return false;
                }

                dots++;
                label = 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                label++;
            }
            else
            {
                return false;
            }
        }

        if (dots < 2 || label == 0)
        {
            return false;
        }

        var last = core[(core.LastIndexOf('.') + 1)..].ToString();
        return GenericTopLevelDomains.Contains(last)
            || (last.Length == 2 && char.IsAsciiLetterLower(last[0]) && char.IsAsciiLetterLower(last[1]) && !NotCountryCodes.Contains(last));
    }
}
