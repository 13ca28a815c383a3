using AIOps.Abstractions;
using AIOps.Abstractions.Approvals;

namespace AIOps.Grains.Approvals;

/// <summary>Open approval requests; approval grains report every change, decided ones are dropped.</summary>
public sealed class ApprovalInboxGrain(
    [PersistentState("approval-inbox", StorageNames.Grains)] IPersistentState<ApprovalInboxState> state)
    : Grain, IApprovalInboxGrain
{
    /// <inheritdoc />
    public async Task PutAsync(Approval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var changed = approval.Status == ApprovalStatus.Pending
            ? !state.State.Pending.TryGetValue(approval.ActionId, out var stored) || stored != approval
            : state.State.Pending.Remove(approval.ActionId);
        if (approval.Status == ApprovalStatus.Pending)
        {
            state.State.Pending[approval.ActionId] = approval;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Approval>> PendingForAsync(string approverId) =>
        Task.FromResult<IReadOnlyList<Approval>>(Oldest(state.State.Pending.Values
            .Where(a => !string.Equals(a.RequestedBy, approverId, StringComparison.OrdinalIgnoreCase))));

    /// <inheritdoc />
    public Task<IReadOnlyList<Approval>> PendingAsync() => Task.FromResult<IReadOnlyList<Approval>>(Oldest(state.State.Pending.Values));

    private static Approval[] Oldest(IEnumerable<Approval> approvals) =>
        approvals.OrderBy(a => a.RequestedAt).ThenBy(a => a.ActionId, StringComparer.Ordinal).ToArray();
}
