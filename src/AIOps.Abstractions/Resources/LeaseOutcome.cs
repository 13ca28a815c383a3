namespace AIOps.Abstractions.Resources;

/// <summary>How a lease request ended.</summary>
public enum LeaseOutcome
{
    /// <summary>The requester holds the lease (new, renewed, or taken over from an expired holder).</summary>
    Granted = 0,

    /// <summary>The requester holds the lease; a lower-priority holder that had not started lost it (see <see cref="LeaseResult.Preempted"/>).</summary>
    GrantedByPreemption = 1,

    /// <summary>Another action holds it; the requester must wait (queue) or give up.</summary>
    Refused = 2,
}
