using System.Text;

namespace AIOps.Grains;

/// <summary>Text PostgreSQL can store: no NUL (text columns refuse it) and valid UTF-16 (a lone surrogate has no UTF-8 form).</summary>
public static class StorableText
{
    /// <summary>UTF-8 that throws on unpaired surrogates instead of replacing them.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True when <paramref name="value"/> would be stored unchanged.</summary>
    public static bool IsStorable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            _ = StrictUtf8.GetByteCount(value);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
