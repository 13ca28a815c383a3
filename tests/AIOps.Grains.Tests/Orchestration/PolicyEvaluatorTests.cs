using System.Collections.Immutable;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Orchestration;
using AIOps.Grains.Orchestration;

namespace AIOps.Grains.Tests.Orchestration;

public sealed class PolicyEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static AgentConfig Agent(AutomationLevel level, AgentType type = AgentType.Kubernetes, bool approvalRequired = false) =>
        new("k8s", "Kubernetes", type, true, level, ImmutableDictionary<string, double>.Empty, approvalRequired, [], Now, Now);

    private static ProposedAction Action(RiskLevel risk) =>
        new("k8s", "scale", "scale cart", ["k8s:prod:deployment/shop/cart"], risk, "+2 pods", "key");

    private static PolicyDecision Evaluate(
        AutomationLevel level, RiskLevel risk, string environment = "staging", PlatformPolicy? policy = null, int blastRadius = 1, AgentConfig? agent = null) =>
        PolicyEvaluator.Evaluate(new PolicyInput(Action(risk), agent ?? Agent(level), policy ?? PlatformPolicy.Default, [environment], blastRadius, Now));

    public static TheoryData<AutomationLevel, RiskLevel, PolicyVerdict> Matrix => new()
    {
        { AutomationLevel.Manual, RiskLevel.Low, PolicyVerdict.NeedsApproval },
        { AutomationLevel.Manual, RiskLevel.Medium, PolicyVerdict.NeedsApproval },
        { AutomationLevel.Manual, RiskLevel.High, PolicyVerdict.NeedsApproval },
        { AutomationLevel.Manual, RiskLevel.Critical, PolicyVerdict.NeedsApproval },
        { AutomationLevel.SemiAuto, RiskLevel.Low, PolicyVerdict.Allow },
        { AutomationLevel.SemiAuto, RiskLevel.Medium, PolicyVerdict.NeedsApproval },
        { AutomationLevel.SemiAuto, RiskLevel.High, PolicyVerdict.NeedsApproval },
        { AutomationLevel.SemiAuto, RiskLevel.Critical, PolicyVerdict.NeedsApproval },
        { AutomationLevel.FullAuto, RiskLevel.Low, PolicyVerdict.Allow },
        { AutomationLevel.FullAuto, RiskLevel.Medium, PolicyVerdict.Allow },
        { AutomationLevel.FullAuto, RiskLevel.High, PolicyVerdict.Allow },
        { AutomationLevel.FullAuto, RiskLevel.Critical, PolicyVerdict.NeedsApproval },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void EachAutomationLevelAndRiskGetsItsVerdictInStaging(AutomationLevel level, RiskLevel risk, PolicyVerdict expected)
    {
        var decision = Evaluate(level, risk);
        Assert.Equal(expected, decision.Verdict);
        Assert.NotEmpty(decision.Reasons);
        Assert.Equal("staging", decision.Environment);
    }

    [Theory]
    [InlineData(RiskLevel.Low, PolicyVerdict.Allow)]
    [InlineData(RiskLevel.Medium, PolicyVerdict.NeedsApproval)]
    [InlineData(RiskLevel.High, PolicyVerdict.NeedsApproval)]
    public void ProductionIsStricterThanStagingForAFullyAutomaticAgent(RiskLevel risk, PolicyVerdict expected)
    {
        var decision = Evaluate(AutomationLevel.FullAuto, risk, environment: "prod");
        Assert.Equal(expected, decision.Verdict);
        Assert.Equal("production", decision.Environment);
        if (expected == PolicyVerdict.NeedsApproval)
        {
            Assert.Contains(decision.Reasons, r => r.StartsWith("production allows at most low risk", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AnUntaggedResourceIsTreatedAsProduction()
    {
        var decision = PolicyEvaluator.Evaluate(new PolicyInput(Action(RiskLevel.Medium), Agent(AutomationLevel.FullAuto), PlatformPolicy.Default, [], 1, Now));
        Assert.Equal((PolicyVerdict.NeedsApproval, "production"), (decision.Verdict, decision.Environment));
    }

    [Fact]
    public void TheStrictestTargetEnvironmentDecides()
    {
        var decision = PolicyEvaluator.Evaluate(new PolicyInput(
            Action(RiskLevel.Medium), Agent(AutomationLevel.FullAuto), PlatformPolicy.Default, ["development", "production"], 2, Now));
        Assert.Equal((PolicyVerdict.NeedsApproval, "production"), (decision.Verdict, decision.Environment));
    }

    [Fact]
    public void AChangeFreezeDeniesAutomatedChangesButLetsIncidentRemediationAskForApproval()
    {
        var policy = PlatformPolicy.Default with
        {
            FreezeWindows = [new FreezeWindow("Black Friday", Now.AddHours(-1), Now.AddHours(1), ["production"])],
        };
        var scaling = Evaluate(AutomationLevel.FullAuto, RiskLevel.Low, "production", policy);
        Assert.Equal(PolicyVerdict.Deny, scaling.Verdict);
        Assert.Contains("change freeze 'Black Friday'", scaling.Reasons[0], StringComparison.Ordinal);

        var remediation = Evaluate(AutomationLevel.FullAuto, RiskLevel.Low, "production", policy, agent: Agent(AutomationLevel.FullAuto, AgentType.IncidentResponse));
        Assert.Equal(PolicyVerdict.NeedsApproval, remediation.Verdict);

        Assert.Equal(PolicyVerdict.Allow, Evaluate(AutomationLevel.FullAuto, RiskLevel.Low, "staging", policy).Verdict);
        var over = policy with { FreezeWindows = [policy.FreezeWindows[0] with { End = Now }] };
        Assert.Equal(PolicyVerdict.Allow, Evaluate(AutomationLevel.FullAuto, RiskLevel.Low, "production", over).Verdict);
    }

    [Fact]
    public void ABlastRadiusAboveThePlatformMaximumIsDeniedAndAboveTheAgentThresholdNeedsApproval()
    {
        var denied = Evaluate(AutomationLevel.FullAuto, RiskLevel.Low, blastRadius: 51);
        Assert.Equal(PolicyVerdict.Deny, denied.Verdict);
        Assert.Contains("blast radius 51 resources exceeds the platform maximum of 50", denied.Reasons);

        var cautious = Agent(AutomationLevel.FullAuto) with
        {
            Thresholds = ImmutableDictionary<string, double>.Empty.Add(PolicyEvaluator.ApprovalBlastRadiusThreshold, 5),
        };
        Assert.Equal(PolicyVerdict.NeedsApproval, Evaluate(AutomationLevel.FullAuto, RiskLevel.Low, blastRadius: 6, agent: cautious).Verdict);
        Assert.Equal(PolicyVerdict.Allow, Evaluate(AutomationLevel.FullAuto, RiskLevel.Low, blastRadius: 5, agent: cautious).Verdict);
    }

    [Fact]
    public void ApprovalRequiredAndDisabledAgentsOverrideTheAutomationLevel()
    {
        Assert.Equal(PolicyVerdict.NeedsApproval, Evaluate(AutomationLevel.FullAuto, RiskLevel.Low, agent: Agent(AutomationLevel.FullAuto, approvalRequired: true)).Verdict);
        var disabled = Evaluate(AutomationLevel.FullAuto, RiskLevel.Low, agent: Agent(AutomationLevel.FullAuto) with { Enabled = false });
        Assert.Equal(PolicyVerdict.Deny, disabled.Verdict);
    }

    [Fact]
    public void AnEnvironmentCanRefuseRiskOutright()
    {
        var policy = PlatformPolicy.Default with { Environments = [new EnvironmentRule("production", RiskLevel.Low, RiskLevel.High)] };
        var decision = Evaluate(AutomationLevel.Manual, RiskLevel.Critical, "production", policy);
        Assert.Equal(PolicyVerdict.Deny, decision.Verdict);
        Assert.Equal("critical-risk actions are not allowed in production", decision.Reasons[0]);
        Assert.True(decision.Reasons.Length > 1, "the lesser reasons are kept too");
    }

    [Fact]
    public void TheSameInputGivesTheSameDecision()
    {
        var a = Evaluate(AutomationLevel.SemiAuto, RiskLevel.High, "production");
        var b = Evaluate(AutomationLevel.SemiAuto, RiskLevel.High, "production");
        Assert.Equal((a.Verdict, a.Environment, a.BlastRadius), (b.Verdict, b.Environment, b.BlastRadius));
        Assert.Equal(a.Reasons.AsEnumerable(), b.Reasons.AsEnumerable());
    }
}
