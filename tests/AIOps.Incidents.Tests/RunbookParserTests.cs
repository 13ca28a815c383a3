using AIOps.Abstractions;
using AIOps.Incidents.Runbooks;

namespace AIOps.Incidents.Tests;

public sealed class RunbookParserTests
{
    private const string Good = """
        id: scale-cart
        name: Scale the cart
        incidentTypes: [traffic-spike]
        match:
          team: shop|payments
        parameters:
          - name: deployment
            from: incident.resource(kind=deployment)
          - name: factor
            default: "3"
        steps:
          - action: scale
            target: "{{ deployment }}"
            with:
              replicas: "{{ deployment.replicas * 3 }}"
            compensate:
              - action: scale
                target: "{{ deployment }}"
                with: { replicas: "{{ deployment.replicas }}" }
          - action: wait
            target: "{{ deployment }}"
            verify: { metric: aiops_http_error_ratio, comparison: "<", threshold: 0.05, within: 2m, every: 10s }
            onFailure: compensate
          - action: notify
            integration: oncall
            with: { text: "scaled {{ deployment }}" }
            onFailure: continue
        """;

    [Fact]
    public void AGoodDocumentParsesIntoStepsWithTheirPolicies()
    {
        var runbook = RunbookParser.Parse(Good);
        Assert.Equal("scale-cart", runbook.Id);
        Assert.Equal("traffic-spike", Assert.Single(runbook.IncidentTypes));
        Assert.Equal("shop|payments", runbook.Match["team"]);
        Assert.True(runbook.Parameters[0].Required);
        Assert.False(runbook.Parameters[1].Required);
        Assert.Equal(3, runbook.Steps.Length);
        Assert.Equal(RunbookActions.Scale, runbook.Steps[0].Action);
        Assert.Single(runbook.Steps[0].Compensate);
        Assert.Equal(FailurePolicy.Compensate, runbook.Steps[1].OnFailure);
        Assert.Equal(TimeSpan.FromMinutes(2), runbook.Steps[1].Verify!.Within);
        Assert.Equal(TimeSpan.FromSeconds(10), runbook.Steps[1].Verify!.Every);
        Assert.Equal(Comparison.Below, runbook.Steps[1].Verify!.Comparison);
        Assert.Equal(FailurePolicy.Continue, runbook.Steps[2].OnFailure);
        Assert.Equal(RiskLevel.Low, RunbookActions.DefaultRisk(runbook.Steps[0].Action));
    }

    [Fact]
    public void AnUnknownActionIsReportedWithItsFieldAndLine()
    {
        var yaml = """
            id: bad
            incidentTypes: [node-failure]
            parameters:
              - name: node
                from: incident.resource(kind=node)
            steps:
              - action: restart
                target: "{{ node }}"
              - action: wait
                target: "{{ node }}"
                verify: { metric: aiops_node_ready, comparison: ">=", threshold: 1 }
              - action: reboot
                target: "{{ node }}"
            """;
        var e = Assert.Throws<ValidationException>(() => RunbookParser.Parse(yaml));
        var message = Assert.Single(e.Errors["steps[2].action"]);
        Assert.StartsWith("unknown action 'reboot' (line 12)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id: x\nincidentTypes: [a]\nsteps:\n  - action: restart\n", "steps[0].target")]
    [InlineData("id: x\nincidentTypes: [a]\nsteps:\n  - action: restart\n    target: \"{{ nope }}\"\n", "steps[0].target")]
    [InlineData("id: x\nincidentTypes: [a]\nsteps:\n  - action: wait\n    target: t\n", "steps[0].verify")]
    [InlineData("id: x\nincidentTypes: [a]\nsteps:\n  - action: wait\n    target: t\n    verify: { metric: m, comparison: '~', threshold: 1 }\n", "steps[0].verify.comparison")]
    [InlineData("id: x\nincidentTypes: [a]\nsteps:\n  - action: wait\n    target: t\n    verify: { metric: m, comparison: '<', threshold: lots }\n", "steps[0].verify.threshold")]
    [InlineData("id: x\nincidentTypes: [a]\nsteps:\n  - action: wait\n    target: t\n    verify: { metric: m, comparison: '<', threshold: 1, within: soon }\n", "steps[0].verify.within")]
    [InlineData("id: x\nincidentTypes: [a]\nsteps:\n  - action: notify\n", "steps[0].integration")]
    [InlineData("id: x\nincidentTypes: [a]\nsteps:\n  - action: stop\n    target: t\n    onFailure: panic\n", "steps[0].onFailure")]
    [InlineData("id: x\nincidentTypes: [a]\nsteps: []\n", "steps")]
    [InlineData("id: x\nsteps:\n  - action: stop\n    target: t\n", "incidentTypes")]
    [InlineData("id: Not Valid\nincidentTypes: [a]\nsteps:\n  - action: stop\n    target: t\n", "id")]
    [InlineData("id: x\nincidentTypes: [a]\ncolour: red\nsteps:\n  - action: stop\n    target: t\n", "colour")]
    [InlineData("id: x\nincidentTypes: [a]\nparameters:\n  - name: p\n    from: somewhere\nsteps:\n  - action: stop\n    target: t\n", "parameters[0].from")]
    [InlineData("id: x\nincidentTypes: [a\nsteps: [", "yaml")]
    [InlineData("- just\n- a list\n", "yaml")]
    public void ABadDocumentNamesTheField(string yaml, string field)
    {
        var e = Assert.Throws<ValidationException>(() => RunbookParser.Parse(yaml));
        Assert.True(e.Errors.ContainsKey(field), string.Join("; ", e.Errors.Select(x => $"{x.Key}: {string.Join(",", x.Value)}")));
        Assert.Contains("line", e.Errors[field][0], StringComparison.Ordinal);
    }

    [Fact]
    public void TheIdMustMatchThePath()
    {
        var e = Assert.Throws<ValidationException>(() => RunbookParser.Parse(Good, "another"));
        Assert.True(e.Errors.ContainsKey("id"));
    }

    [Fact]
    public void EveryBuiltInRunbookParsesAndEveryFaultTypeHasOne()
    {
        Assert.Equal(AIOps.Simulation.Scenarios.ScenarioCatalog.Types.Keys.Order(StringComparer.Ordinal), BuiltInRunbooks.All.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, (runbook, _)) in BuiltInRunbooks.All)
        {
            Assert.Contains(id, runbook.IncidentTypes);
        }
    }

    [Fact]
    public void PlanningResolvesParametersFromTheIncidentAndRendersArithmetic()
    {
        var runbook = RunbookParser.Parse(Good);
        var deployment = new IncidentResource("k8s:prod:deployment/shop/cart", "deployment", "production",
            System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("replicas", "4"));
        var context = new IncidentContext("inc-1", "traffic-spike", System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("team", "shop"), [deployment], 0);
        var plan = RunbookPlanner.Plan(runbook, context);
        Assert.Equal("12", plan.Steps[0].Parameters["replicas"]);
        Assert.Equal("4", plan.Steps[0].Compensate[0].Parameters["replicas"]);
        Assert.Equal("deployment", plan.Steps[0].ResourceKind);
        Assert.Equal("scaled k8s:prod:deployment/shop/cart", plan.Steps[2].Parameters["text"]);

        var wrongType = Assert.Throws<ValidationException>(() => RunbookPlanner.Plan(runbook, context with { IncidentType = "node-failure" }));
        Assert.True(wrongType.Errors.ContainsKey("incidentType"));
        var wrongTeam = Assert.Throws<ValidationException>(() => RunbookPlanner.Plan(runbook, context with { Labels = context.Labels.SetItem("team", "data") }));
        Assert.True(wrongTeam.Errors.ContainsKey("labels"));
        var noResource = Assert.Throws<ValidationException>(() => RunbookPlanner.Plan(runbook, context with { Resources = [] }));
        Assert.True(noResource.Errors.ContainsKey("parameters.deployment"));
    }
}
