using System.Buffers;
using System.IO.Pipelines;

namespace AIOps.Silo.Ingestion;

/// <summary>Reads a request's whole body (Kestrel enforces the size limit) and parses it with <see cref="AlertmanagerJson"/>.</summary>
public static class AlertmanagerBodies
{
    /// <summary>Reads an API v2 body: a JSON array of alerts.</summary>
    public static async Task<IReadOnlyList<ReceivedAlert>> ReadAlertsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ReadAsync(request.BodyReader, static body => AlertmanagerJson.ParseAlerts(body), cancellationToken);
    }

    /// <summary>Reads a webhook body.</summary>
    public static async Task<ReceivedWebhook> ReadWebhookAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ReadAsync(request.BodyReader, static body => AlertmanagerJson.ParseWebhook(body), cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(PipeReader pipe, Func<ReadOnlySequence<byte>, T> parse, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await pipe.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                try
                {
                    return Parse(read.Buffer, parse);
                }
                finally
                {
                    pipe.AdvanceTo(read.Buffer.End);
                }
            }

            pipe.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    // Kestrel hands the body over in segments of a few kilobytes; the JSON reader is about twice as fast over one
    // contiguous span, so a body in several segments is copied into a pooled buffer first.
    private static T Parse<T>(ReadOnlySequence<byte> body, Func<ReadOnlySequence<byte>, T> parse)
    {
        if (body.IsSingleSegment)
        {
            return parse(body);
        }

        var length = checked((int)body.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(buffer);
            return parse(new ReadOnlySequence<byte>(buffer, 0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
