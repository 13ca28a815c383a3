using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using AIOps.Abstractions;
using AIOps.Abstractions.Actions;
using AIOps.Abstractions.Agents;
using AIOps.Abstractions.Approvals;
using AIOps.Abstractions.Costs;
using AIOps.Abstractions.Events;
using AIOps.Abstractions.Incidents;
using AIOps.Abstractions.Live;
using AIOps.Abstractions.Orchestration;
using AIOps.Abstractions.Resources;
using AIOps.Grains;
using AIOps.Grains.Actions;
using AIOps.Grains.Agents;
using AIOps.Grains.Approvals;
using AIOps.Grains.Incidents;
using AIOps.Grains.Journal;
using AIOps.Grains.Orchestration;
using AIOps.Grains.Resources;
using AIOps.Grains.Runbooks;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AIOps.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SerializationTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);

    private static readonly ImmutableDictionary<string, string> Tags = ImmutableDictionary<string, string>.Empty.Add("env", "prod");

    private static IEnumerable<object> Samples()
    {
        var incident = new Incident("inc-1", "t", "d", Severity.Critical, IncidentStatus.Investigating, ["r1"], At, At, ["s1"], true, 3, At) { Team = "shop" };
        var summary = new IncidentSummary("inc-1", "t", Severity.High, IncidentStatus.Open, 2, At, At) { Team = "shop" };
        var config = AgentGrainTests.Config("a1") with { CreatedAt = At, UpdatedAt = At };
        var resource = new ManagedResource("r1", "aws", "ec2-instance", "web", "eu-west-1", Tags, Tags, Tags, ["r2"], 0.1m, ResourceHealth.Healthy, At, At, At, 7);
        var proposed = new ActionProposed("k8s", At, "k8s", "scale", "d", ["r1"], RiskLevel.High, "+2", "key");
        var recent = new RecentEventIds();
        recent.Add("e1");
        yield return config;
        yield return new AgentStatus("a1", "A", AgentType.Terraform, true, AgentLifecycle.Degraded, AutomationLevel.FullAuto, 5, At, At, At, 2,
            new AgentHealth(false, At, ["prometheus: down"], 3, 1, At));
        yield return new SystemEvent("e1", "alert.firing", "alertmanager", Severity.High, Tags, At, "c1", "r1");
        yield return new ResourceSpec("aws", "ec2-instance", "web", "eu-west-1", Tags, Tags, ["r2"], 0.1m);
        yield return resource;
        yield return incident;
        yield return new NewIncident("t", "d", Severity.Low, ["r1"], At, "alice");
        yield return new TimelineEntry(1, "opened", "alice", "Opened", At);
        yield return summary;
        yield return new IncidentQuery(IncidentStatus.Closed, Severity.Medium, 5, 10) { Teams = ["shop"] };
        yield return new IncidentPage([summary], 1, 0, 50);
        yield return new AgentAction("act-1", "k8s", "scale", "d", ["r1"], RiskLevel.Low, "+1", ActionStatus.Executing, At, At, null, "key", 3, At);
        yield return new ProposedAction("k8s", "scale", "d", ["r1"], RiskLevel.Critical, "+1", "key");
        yield return new InvalidTransitionException("incident", "inc-1", "closed", "investigating");
        yield return new NotFoundException("resource", "r9");
        yield return new ValidationException("title", "is required");
        yield return new ConflictException("exists");
        yield return new IncidentOpened("alice", At, "t", "d", Severity.High, ["r1"], At) { Team = "shop" };
        yield return new IncidentStatusChanged("bob", At, IncidentStatus.Open, IncidentStatus.Closed, "noise");
        yield return new IncidentNoted("agent:incident-response", At, "runbook", "step 1 restart node-3: completed");
        yield return new AIOps.Abstractions.Alerts.AlertSignal(
            new SystemEvent("am:f1:1:firing", "alert.firing", "am", Severity.High, ImmutableDictionary<string, string>.Empty.Add("fingerprint", "f1"), At), AIOps.Abstractions.Alerts.AlertChange.Firing, 3, At);
        yield return new IncidentResolved("bot", At, ["s"], true);
        yield return new IncidentResourcesAffected("rca", At, ["r2"]);
        yield return new IncidentState { Exists = true, Title = "t", Status = IncidentStatus.Resolved, AffectedResources = ["r1"], UpdatedAt = At };
        yield return new IncidentIndexState { Incidents = { ["inc-1"] = summary } };
        yield return proposed;
        yield return new ActionStatusChanged("carol", At, ActionStatus.Pending, ActionStatus.Approved, "ok");
        yield return new ActionState { Proposal = proposed, Status = ActionStatus.Failed, ExecutedAt = At, Result = "boom", UpdatedAt = At };
        yield return recent;
        yield return new AIOps.Grains.Alerts.IngestStatsState { Counters = { ["am/notifications"] = 3 } };
        yield return new ResourceState
        {
            Provider = "aws",
            Kind = "vm",
            Name = "web",
            Location = "eu",
            Tags = ["env", "prod"],
            DesiredState = ["size", "m"],
            ObservedState = ["size", "l"],
            Dependencies = ["r2"],
            CostPerHour = 0.5m,
            Health = ResourceHealth.Degraded,
            CreatedAt = At,
            UpdatedAt = At,
            ObservedAt = At,
            Version = 3,
            EventsApplied = 4,
            RecentEvents = recent,
            Lease = new ResourceLease("act-9", "tf", 2, At, At, false),
        };
        yield return new AgentState { Config = config, Lifecycle = AgentLifecycle.Running, EventsProcessed = 9, LastEventAt = At, StartedAt = At, RecentEvents = recent, EventsIgnored = 1, ConfigHistory = [new AgentConfigVersion(1, config, "alice", At, ["created"])] };
        yield return new AgentRegistryState { AgentIds = ["a", "b"] };
        yield return new AgentConfigVersion(2, config, "bob", At, ["automationLevel: manual → semi-auto"]);
        var approval = new Approval("act-1", "agent:k8s", ["production"], ApprovalStatus.Approved, At, At, 1, At, "carol", "ok", At);
        yield return approval;
        yield return new ApprovalRequest("act-1", "agent:k8s", ["why"], TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10));
        yield return new Approver("carol", [Roles.Approver]);
        yield return new ApprovalState { Approval = approval, NextEscalationAt = At, EscalateAfter = TimeSpan.FromMinutes(5) };
        yield return new ApprovalInboxState { Pending = { ["act-1"] = approval } };
        yield return new ForbiddenException("four eyes");
        yield return new AgentHealth(true, At, [], 0, 2, null);
        yield return new LiveUpdate(LiveKinds.Incident, "inc-1", At, Incident: incident);
        yield return new ResourceChange("r1", "web", ResourceHealth.Degraded, 0.1m, 7, At, Deleted: true);
        yield return new ResourceEdge("pod-1", "node-1");
        yield return new ClassScore("disk-filling", 0.02);
        var incidentAlert = new IncidentAlert("am/f1", "am", "KubeNodeNotReady", "node-1", Severity.Critical, "Node is not Ready.", At, null, "first alert");
        yield return incidentAlert;
        var cause = new RootCauseCandidate("node-1", "node", 0.8, ["connected to all 3 alerting resources"]);
        yield return cause;
        var analysis = new IncidentAnalysis("Node failure", null, Severity.High, ["production"], [cause]);
        yield return analysis;
        yield return new IncidentAlertsAttached("agent:incident-response", At, [incidentAlert]);
        yield return new IncidentAlertsCleared("agent:incident-response", At, ["am/f1"], At);
        yield return new IncidentAnalyzed("agent:incident-response", At, analysis);
        var noiseRow = new AIOps.Abstractions.Alerts.NoiseReductionRow("am", 120, 8, 2, 1);
        yield return noiseRow;
        yield return new AIOps.Abstractions.Alerts.NoiseReduction([noiseRow], 120, 8, 1, 0);
        yield return new IncidentClassification("node-failure", 0.93, "catalog+model", [new ClassScore("memory-leak", 0.04)], "KubeNodeNotReady on a node", "incident-type@1");
        yield return new ResourceTopology([new ResourceSummary("r1", "aws", "vm", "web", "eu", "shop", "production", ResourceHealth.Degraded, 0.25m, At, 4)], [new ResourceEdge("r1", "r2")], true, 12);
        yield return new InventoryRecord("simulation", new ResourceSpec("aws", "ec2", "web", "eu-west-1", ImmutableDictionary<string, string>.Empty.Add("team", "core"),
            ImmutableDictionary<string, string>.Empty, ["vol-1"], 0.2m), ImmutableDictionary<string, string>.Empty.Add("state", "running"), ResourceHealth.Healthy);
        yield return new AIOps.Abstractions.Inventory.InventorySyncStatus("simulation", 300, true, At, 2, "timeout", At.AddSeconds(4), 310, 3);
        yield return new AIOps.Grains.Inventory.InventorySyncState { Cursor = "42", Known = ["a", "b"], LastSuccessAt = At, Failures = 1, LastError = "x", Stale = true };
        yield return new LiveUpdate(LiveKinds.Resource, "r1", At, Resource: ResourceChange.Of(resource));
        var routing = new RoutingRule("r1", "kubernetes", ["metric.*"], ["prometheus"], "k8s:", Severity.Medium);
        var decision = new PolicyDecision(PolicyVerdict.Allow, ["ok"], "staging", 1);
        yield return routing;
        yield return new RoutingTable([routing], 4);
        yield return new OrchestratorState { Policy = PlatformPolicy.Default, Rules = [routing], RulesVersion = 4, Queued = { ["r1"] = ["act-2"] } };
        yield return new ActionPolicyEvaluated("policy", At, decision);
        yield return new ActionStepRecorded("executor", At, 1, "apply", "kubernetes-api", false, true, At, 2, "applied", null, Tags, 3);
        yield return new ActionSubmission(
            new AgentAction("act-1", "k8s", "scale", "d", ["r1"], RiskLevel.Low, "+1", ActionStatus.Approved, At, null, null, "key", 2, At),
            decision, approval, new Dictionary<string, LeaseResult> { ["r1"] = new(LeaseOutcome.Granted, new ResourceLease("act-1", "k8s", 3, At, At, false), null, "free") }, Duplicate: true);
        foreach (var sample in Audit.AuditSerializationTests.Samples())
        {
            yield return sample;
        }
        var freeze = new FreezeWindow("Black Friday", At, At.AddDays(1), ["production"], AllowIncidentResponse: false);
        var rule = new EnvironmentRule("production", RiskLevel.Low, RiskLevel.Critical);
        yield return freeze;
        yield return rule;
        yield return new PlatformPolicy([freeze], 12, [rule], "production", [AgentType.Terraform], TimeSpan.FromMinutes(9), null, TimeSpan.FromMinutes(2));
        var lease = new ResourceLease("act-1", "k8s", 3, At, At.AddMinutes(2), Executing: true);
        yield return new LeaseRequest("act-1", "k8s", 3, TimeSpan.FromMinutes(2));
        yield return lease;
        yield return new LeaseResult(LeaseOutcome.GrantedByPreemption, lease, lease with { ActionId = "act-0" }, "preempted");
        yield return new PolicyDecision(PolicyVerdict.NeedsApproval, ["production allows at most low risk"], "production", 3);
        var listed = new ResourceSummary("r1", "aws", "vm", "web", "eu", "shop", "production", ResourceHealth.Degraded, 0.25m, At, 4);
        yield return listed;
        yield return new ResourceQuery("aws", "vm", "shop", "production", ResourceHealth.Healthy, "web", 5, 10) { Teams = ["shop"] };
        yield return new ResourcePage([listed], 1, 0, 50);
        var actionSummary = new ActionSummary("act-1", "k8s", "scale", "d", ActionStatus.Approved, RiskLevel.Low, ["r1"], ["shop"], At, At, 2);
        yield return actionSummary;
        yield return new ActionQuery(ActionStatus.Pending, "k8s", "r1", 5, 10) { Teams = [] };
        yield return new ActionPage([actionSummary], 1, 0, 50);
        var rate = CostRate.FromHourly(0.5m);
        yield return rate;
        yield return new CostGroup(null, 3, rate);
        yield return new ResourceCost("r1", "web", "aws", "vm", "shop", null, rate);
        yield return new CostReportQuery("aws", "shop", "production", 5) { Teams = ["shop"] };
        yield return new CostReport(At, 3, 1, rate, [new CostGroup("aws", 3, rate)], [new CostGroup(null, 3, rate)], [], [], [new ResourceCost("r1", "web", "aws", "vm", null, null, rate)]);
        yield return new RunbookDocument("node-failure", "id: node-failure", true, true, At, "admin");
        yield return new RunbookCatalogState { Custom = { ["x"] = new RunbookDocument("x", "id: x", false, false, At, "admin") } };
        yield return new RunbookExecutionRequest("node-failure", "inc-1", "node-failure", new Dictionary<string, string> { ["team"] = "shop" }, "operator");
        yield return new RunbookExecutionState { Request = new RunbookExecutionRequest("node-failure", "inc-1", "node-failure", new Dictionary<string, string>(), "operator"), PlanJson = "{}", ProgressJson = "{}", Finished = true };
        yield return new RunbookStepView("rbx-1:0", "reboot", "restart", "k8s:prod:node/n1", "succeeded", "Rebooted", "act-1", 0.86, false);
        yield return new RunbookExecutionView("rbx-1", "node-failure", "inc-1", "node-failure", "succeeded", true, null, "operator",
            new Dictionary<string, string> { ["node"] = "k8s:prod:node/n1" }, [new RunbookStepView("rbx-1:0", "reboot", "restart", "k8s:prod:node/n1", "succeeded", "Rebooted", "act-1", 0.86, false)]);
    }

    [Fact]
    public void EverySerializableTypeHasASample()
    {
        var serializable = new[] { typeof(Incident).Assembly, typeof(IncidentGrain).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && t.GetCustomAttribute<GenerateSerializerAttribute>() is not null)
            .ToHashSet();
        var sampled = Samples().Select(s => s.GetType()).ToHashSet();
        Assert.Empty(serializable.Except(sampled).Select(t => t.FullName));
    }

    [Fact]
    public void EverySerializableTypeRoundTripsThroughTheOrleansSerializer()
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        foreach (var sample in Samples())
        {
            var copy = serializer.Deserialize<object>(serializer.SerializeToArray<object>(sample));
            Assert.IsType(sample.GetType(), copy);
            Assert.Equal(Describe(sample), Describe(copy));
        }
    }

    [Fact]
    public void EveryJournalEventRoundTripsThroughTheJournalJson()
    {
        foreach (var sample in Samples().Where(s => s is IJournalEvent))
        {
            var json = sample is IncidentEvent ? JsonSerializer.Serialize((IncidentEvent)sample, JournalJson.Options) : JsonSerializer.Serialize((ActionEvent)sample, JournalJson.Options);
            object? copy = sample is IncidentEvent ? JsonSerializer.Deserialize<IncidentEvent>(json, JournalJson.Options) : JsonSerializer.Deserialize<ActionEvent>(json, JournalJson.Options);
            Assert.IsType(sample.GetType(), copy);
            Assert.Equal(Describe(sample), Describe(copy!));
        }
    }

    // Records holding immutable arrays compare arrays by reference, so compare what they serialize to.
    private static string Describe(object value) => value is Exception e
        ? e.Message + JsonSerializer.Serialize(
            value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).ToDictionary(p => p.Name, p => p.GetValue(value)))
        : value.GetType().Name + JsonSerializer.Serialize(value, value.GetType());
}
