namespace AIOps.Silo.Ingestion;

/// <summary>Bounded reads for SNS traffic: a body over the limit is refused, never buffered whole.</summary>
internal static class SnsHttp
{
    /// <summary>The whole stream, or null as soon as it passes <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream stream, int limit, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancel)) > 0)
        {
            if (copy.Length + read > limit)
            {
                return null;
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }

    /// <summary>The response body, or null when it is (or says it is) larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpResponseMessage response, int limit, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancel);
        return await ReadLimitedAsync(stream, limit, cancel);
    }
}
