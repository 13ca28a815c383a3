using AIOps.Abstractions.Events;

namespace AIOps.Silo.Ingestion;

/// <summary>What an SNS delivery came to: events to route, or an answer to send as it is.</summary>
/// <param name="Answer">The response when there is nothing to route (confirmations, refusals); null otherwise.</param>
/// <param name="Events">The alert events of a notification.</param>
internal sealed record SnsReceipt(IResult? Answer, IReadOnlyList<SystemEvent> Events)
{
    public static SnsReceipt Reply(IResult answer) => new(answer, []);
}
