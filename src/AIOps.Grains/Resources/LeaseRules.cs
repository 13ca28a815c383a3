using AIOps.Abstractions;
using AIOps.Abstractions.Resources;

namespace AIOps.Grains.Resources;

/// <summary>Conflict resolution for one resource: who gets the lease. Pure, so the rules are testable on their own.</summary>
public static class LeaseRules
{
    /// <summary>Shortest lease accepted.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);

    /// <summary>Longest lease accepted; longer work renews.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>Throws <see cref="ValidationException"/> naming every bad field.</summary>
    public static void Validate(LeaseRequest? request)
    {
        if (request is null)
        {
            throw new ValidationException("body", "is required");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.ActionId))
        {
            errors["actionId"] = ["is required"];
        }

        if (string.IsNullOrWhiteSpace(request.AgentId))
        {
            errors["agentId"] = ["is required"];
        }

        if (request.Duration < MinDuration || request.Duration > MaxDuration)
        {
            errors["duration"] = [$"must be between {MinDuration} and {MaxDuration}"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    /// <summary>Decides <paramref name="request"/> against the lease in force (<paramref name="current"/>, null when free) at <paramref name="now"/>.</summary>
    public static LeaseResult Decide(ResourceLease? current, LeaseRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var granted = new ResourceLease(request.ActionId, request.AgentId, request.Priority, now, now + request.Duration, Executing: false);
        if (current is null || current.ExpiresAt <= now)
        {
            return new LeaseResult(LeaseOutcome.Granted, granted, null,
                current is null ? "the resource was free" : $"the lease of action '{current.ActionId}' had expired");
        }

        if (current.ActionId == request.ActionId)
        {
            var renewed = current with { ExpiresAt = Max(current.ExpiresAt, now + request.Duration) };
            return new LeaseResult(LeaseOutcome.Granted, renewed, null, "renewed by its holder");
        }

        if (current.Executing)
        {
            return new LeaseResult(LeaseOutcome.Refused, current, null,
                $"action '{current.ActionId}' of agent '{current.AgentId}' is executing on the resource until {current.ExpiresAt:u} at the latest");
        }

        if (request.Priority > current.Priority)
        {
            return new LeaseResult(LeaseOutcome.GrantedByPreemption, granted, current,
                $"agent '{request.AgentId}' (priority {request.Priority}) preempted action '{current.ActionId}' of agent '{current.AgentId}' (priority {current.Priority}), which had not started");
        }

        return new LeaseResult(LeaseOutcome.Refused, current, null,
            $"action '{current.ActionId}' of agent '{current.AgentId}' holds the resource with priority {current.Priority} (requester: {request.Priority})");
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
