namespace AIOps.Abstractions.Resources;

/// <summary>The answer to a lease request.</summary>
/// <param name="Outcome">Granted, granted by preemption, or refused.</param>
/// <param name="Lease">The lease in force after the request (the requester's, or the holder's when refused).</param>
/// <param name="Preempted">The lease that was taken away, when <see cref="LeaseOutcome.GrantedByPreemption"/>.</param>
/// <param name="Reason">Why, in one sentence.</param>
[GenerateSerializer, Immutable, Alias("aiops.lease-result")]
public sealed record LeaseResult(
    [property: Id(0)] LeaseOutcome Outcome,
    [property: Id(1)] ResourceLease? Lease,
    [property: Id(2)] ResourceLease? Preempted,
    [property: Id(3)] string Reason);
