import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen, within } from "@testing-library/react";
import { renderInConsole } from "../test/harness";
import type { AgentStatus, IncidentSummary } from "../api";
import { Overview } from "./Overview";
import { countBySeverity, withAgent, withIncident } from "./overview";

const agent = (id: string, name: string, over: Partial<AgentStatus> = {}): AgentStatus => ({
  id,
  name,
  type: "kubernetes",
  enabled: true,
  lifecycle: "running",
  automationLevel: "semi-auto",
  eventsProcessed: 12,
  lastEventAt: null,
  startedAt: "2026-11-27T08:00:00Z",
  updatedAt: "2026-11-27T08:00:00Z",
  eventsIgnored: 0,
  health: { healthy: true, lastCheckedAt: "2026-11-27T08:01:00Z", failures: [], consecutiveFailures: 0, restarts: 0, nextRestartAt: null },
  ...over,
});

const incident = (id: string, severity: IncidentSummary["severity"], over: Partial<IncidentSummary> = {}): IncidentSummary => ({
  id,
  title: `incident ${id}`,
  severity,
  status: "open",
  affectedResourceCount: 2,
  detectedAt: "2026-11-27T08:00:00Z",
  updatedAt: "2026-11-27T08:00:00Z",
  ...over,
});

afterEach(cleanup);

describe("Overview", () => {
  it("shows each agent's status, health and automation level, and counts open incidents by severity", () => {
    renderInConsole(
      <Overview
        agents={[
          agent("kubernetes", "Kubernetes"),
          agent("terraform", "Terraform", { lifecycle: "degraded", automationLevel: "manual", health: { healthy: false, lastCheckedAt: "2026-11-27T08:01:00Z", failures: ["terraform: not on PATH"], consecutiveFailures: 3, restarts: 1, nextRestartAt: null } }),
          agent("cost", "Cost", { enabled: false, health: null }),
        ]}
        incidents={[incident("a", "critical"), incident("b", "critical"), incident("c", "low")]}
      />,
    );

    const terraform = within(screen.getByTestId("agent-terraform"));
    expect(terraform.getByText("degraded")).toBeTruthy();
    expect(terraform.getByText("unhealthy: terraform: not on PATH")).toBeTruthy();
    expect(terraform.getByText("manual")).toBeTruthy();
    expect(within(screen.getByTestId("agent-kubernetes")).getByText("healthy")).toBeTruthy();
    expect(within(screen.getByTestId("agent-cost")).getByText("disabled")).toBeTruthy();
    expect(within(screen.getByTestId("agent-cost")).getByText("not checked")).toBeTruthy();
    expect(screen.getByTestId("severity-critical").textContent).toBe("critical: 2");
    expect(screen.getByTestId("severity-high").textContent).toBe("high: 0");
    expect(screen.getByTestId("severity-low").textContent).toBe("low: 1");
  });

  it("shows the server's problem when loading failed", () => {
    renderInConsole(<Overview agents={[]} incidents={[]} error="Forbidden: the viewer role may not read agents" />);
    expect(screen.getByRole("alert").textContent).toContain("the viewer role may not read agents");
    expect(screen.getByText("No agents yet.")).toBeTruthy();
  });
});

describe("live updates", () => {
  it("replace an agent by id and keep the agents in name order", () => {
    const agents = [agent("b", "Beta"), agent("a", "Alpha")].reduce<AgentStatus[]>(withAgent, []);
    const updated = withAgent(agents, agent("b", "Beta", { eventsProcessed: 99, updatedAt: "2026-11-27T09:00:00Z" }));
    expect(updated.map((a) => [a.name, a.eventsProcessed])).toEqual([["Alpha", 12], ["Beta", 99]]);
  });

  it("never replace what is shown with an older state (a load racing a push)", () => {
    const shown = [agent("a", "Alpha", { eventsProcessed: 50, updatedAt: "2026-11-27T09:00:00Z" })];
    expect(withAgent(shown, agent("a", "Alpha", { eventsProcessed: 40, updatedAt: "2026-11-27T08:30:00Z" }))[0]?.eventsProcessed).toBe(50);
    const incidents = [incident("x", "high", { updatedAt: "2026-11-27T09:00:00Z", status: "investigating" })];
    expect(withIncident(incidents, incident("x", "low", { updatedAt: "2026-11-27T08:00:00Z" }))[0]?.severity).toBe("high");
  });

  it("drop an incident once it is resolved and count the rest", () => {
    const open = [incident("a", "critical"), incident("b", "medium")];
    const after = withIncident(open, incident("a", "critical", { status: "resolved", updatedAt: "2026-11-27T09:00:00Z" }));
    expect(after.map((i) => i.id)).toEqual(["b"]);
    expect(countBySeverity(after)).toEqual({ critical: 0, high: 0, medium: 1, low: 0 });
  });
});
