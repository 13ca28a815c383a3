using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Audit;

namespace AIOps.Grains.Tests.Approvals;

[Collection(ClusterCollection.Name)]
public sealed class ApprovalGrainTests(ClusterFixture fixture)
{
    private static readonly Approver Carol = new("carol", [Roles.Approver]);

    private async Task<(IAgentActionGrain Action, IApprovalGrain Approval)> PendingAsync(
        string requestedBy = "agent:kubernetes", TimeSpan? expiresAfter = null, TimeSpan? escalateAfter = null)
    {
        var id = "act-" + Guid.NewGuid().ToString("N");
        var action = fixture.Client.GetGrain<IAgentActionGrain>(id);
        await action.ProposeAsync(new ProposedAction("kubernetes", "scale", "scale cart 3 → 8", ["k8s:prod:deployment/shop/cart"], RiskLevel.High, "+5 pods", id));
        var approval = fixture.Client.GetGrain<IApprovalGrain>(id);
        await approval.RequestAsync(new ApprovalRequest(id, requestedBy, ["production allows at most low risk without approval"], expiresAfter ?? TimeSpan.FromHours(1), escalateAfter));
        return (action, approval);
    }

    private static async Task<IReadOnlyList<AuditEntry>> AuditOfAsync(string actionId) =>
        (await ClusterFixture.SharedAudit.SearchAsync(new AuditQuery(ActionId: actionId, Limit: 100))).Items;

    [Fact]
    public async Task AnApproverGrantsAndTheActionProceedsWithTheCommentOnRecord()
    {
        var (action, approval) = await PendingAsync();
        var decided = await approval.ApproveAsync(Carol, "capacity reviewed");
        Assert.Equal((ApprovalStatus.Approved, "carol", "capacity reviewed"), (decided.Status, decided.DecidedBy, decided.Comment));
        Assert.Equal(ActionStatus.Approved, (await action.GetAsync()).Status);
        var audit = await AuditOfAsync(decided.ActionId);
        Assert.Contains(audit, e => e.Action == AuditActions.ApprovalRequested);
        Assert.Contains(audit, e => e.Action == AuditActions.ApprovalGranted && e.Actor == "carol" && e.Reason == "capacity reviewed");
        Assert.DoesNotContain(await fixture.Client.GetGrain<IApprovalInboxGrain>(IApprovalInboxGrain.Key).PendingForAsync("dave"), a => a.ActionId == decided.ActionId);
    }

    [Fact]
    public async Task ARejectionCancelsTheActionAndNeedsAReason()
    {
        var (action, approval) = await PendingAsync();
        var error = await Assert.ThrowsAsync<ValidationException>(() => approval.RejectAsync(Carol, " "));
        Assert.Contains("comment", error.Errors.Keys);

        var decided = await approval.RejectAsync(Carol, "not during peak");
        Assert.Equal(ApprovalStatus.Rejected, decided.Status);
        Assert.Equal(ActionStatus.Rejected, (await action.GetAsync()).Status);
        Assert.Contains(await AuditOfAsync(decided.ActionId), e => e.Action == AuditActions.ApprovalRejected && e.Reason == "not during peak");
    }

    [Fact]
    public async Task TheRequesterCannotApproveTheirOwnActionAndNeitherCanAnOperator()
    {
        var (action, approval) = await PendingAsync(requestedBy: "alice");
        var self = await Assert.ThrowsAsync<ForbiddenException>(() => approval.ApproveAsync(new Approver("alice", [Roles.Approver, Roles.Admin]), "lgtm"));
        Assert.Contains("four eyes", self.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => approval.ApproveAsync(new Approver("olga", [Roles.Operator]), "lgtm"));

        Assert.Equal(ApprovalStatus.Pending, (await approval.GetAsync()).Status);
        Assert.Equal(ActionStatus.Pending, (await action.GetAsync()).Status);
        var id = (await approval.GetAsync()).ActionId;
        var inbox = fixture.Client.GetGrain<IApprovalInboxGrain>(IApprovalInboxGrain.Key);
        Assert.DoesNotContain(await inbox.PendingForAsync("alice"), a => a.ActionId == id);
        Assert.Contains(await inbox.PendingForAsync("carol"), a => a.ActionId == id);
    }

    [Fact]
    public async Task AnUnansweredRequestEscalatesThenExpiresAndTheActionExpires()
    {
        var (action, approval) = await PendingAsync(expiresAfter: TimeSpan.FromSeconds(3), escalateAfter: TimeSpan.FromSeconds(1));
        var escalated = await StreamTests.EventuallyAsync(approval.GetAsync, a => a.EscalationLevel >= 1, TimeSpan.FromSeconds(10));
        Assert.Equal(ApprovalStatus.Pending, escalated.Status);

        var expired = await StreamTests.EventuallyAsync(approval.GetAsync, a => a.Status == ApprovalStatus.Expired, TimeSpan.FromSeconds(15));
        Assert.Equal(ApprovalStatus.Expired, expired.Status);
        Assert.Equal(ActionStatus.Expired, (await action.GetAsync()).Status);
        await Assert.ThrowsAsync<InvalidTransitionException>(() => approval.ApproveAsync(Carol, "too late"));
        var audit = await AuditOfAsync(expired.ActionId);
        Assert.Contains(audit, e => e.Action == AuditActions.ApprovalEscalated);
        Assert.Contains(audit, e => e.Action == AuditActions.ApprovalExpired);
    }

    [Fact]
    public async Task ApprovingAnActionThatAlreadyMovedOnIsRefusedAndChangesNothing()
    {
        var (action, approval) = await PendingAsync();
        await action.CancelAsync("kubernetes", "superseded");
        await Assert.ThrowsAsync<InvalidTransitionException>(() => approval.ApproveAsync(Carol, "ok"));
        Assert.Equal(ApprovalStatus.Pending, (await approval.GetAsync()).Status);
        Assert.Equal(ActionStatus.Cancelled, (await action.GetAsync()).Status);

        var done = fixture.Client.GetGrain<IAgentActionGrain>("act-" + Guid.NewGuid().ToString("N"));
        await done.ProposeAsync(new ProposedAction("kubernetes", "scale", "d", ["r"], RiskLevel.Low, "", "k"));
        await done.ApproveAsync("policy", null);
        await done.StartExecutionAsync("kubernetes");
        await done.CompleteAsync("kubernetes", "ok");
        var late = fixture.Client.GetGrain<IApprovalGrain>(done.GetPrimaryKeyString());
        await Assert.ThrowsAsync<InvalidTransitionException>(() => late.RequestAsync(new ApprovalRequest(done.GetPrimaryKeyString(), "agent:kubernetes", [], TimeSpan.FromHours(1), null)));
        await Assert.ThrowsAsync<NotFoundException>(() => late.ApproveAsync(Carol, "ok"));
    }

    [Fact]
    public async Task BadRequestsNameTheirFields()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => fixture.Client.GetGrain<IApprovalGrain>("act-x")
            .RequestAsync(new ApprovalRequest("act-x", "", [], TimeSpan.FromDays(30), TimeSpan.FromDays(40))));
        Assert.Equal(["escalateAfter", "expiresAfter", "requestedBy"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
