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
                    return parse(read.Buffer);
                }
                finally
                {
                    pipe.AdvanceTo(read.Buffer.End);
                }
            }

            pipe.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
