import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { CostReport, CostTrend } from "../api";
import { FakeServer, renderInConsole } from "../test/harness";
import { action } from "../test/fixtures";
import { CostPage, savingsOf, topSeries } from "./CostPage";
import { Overview } from "./Overview";

afterEach(cleanup);

const rate = (perHour: number) => ({ perHour, perDay: perHour * 24, perMonth: perHour * 720 });

const report: CostReport = {
  generatedAt: "2026-11-27T08:00:00Z",
  resourceCount: 300,
  resourcesWithoutCost: 2,
  total: rate(10),
  byProvider: [{ key: "aws", resourceCount: 200, cost: rate(7) }, { key: "azure", resourceCount: 100, cost: rate(3) }],
  byTeam: [{ key: "payments", resourceCount: 120, cost: rate(6) }, { key: null, resourceCount: 10, cost: rate(0.5) }],
  byKind: [{ key: "ec2-instance", resourceCount: 50, cost: rate(5) }],
  byEnvironment: [{ key: "production", resourceCount: 200, cost: rate(8) }],
  topResources: [{ id: "aws:ec2:i-1", name: "i-1", provider: "aws", kind: "ec2-instance", team: "payments", environment: "production", cost: rate(0.5) }],
};

const trend = (by: CostTrend["by"], keys: string[]): CostTrend => ({
  by,
  from: "2026-11-26T08:00:00Z",
  to: "2026-11-27T08:00:00Z",
  step: "00:12:00",
  series: keys.map((key, i) => ({ key, points: [{ at: "2026-11-27T07:00:00Z", perHour: 10 - i }, { at: "2026-11-27T07:12:00Z", perHour: 11 - i }] })),
});

describe("CostPage", () => {
  it("shows the run-rate, asks the trend by another dimension, and lists the recommendations and the cost agent's open proposals", async () => {
    const server = new FakeServer()
      .on("GET /api/cost-optimization/reports", report)
      .on("GET /api/cost-optimization/trend", (call: { path: string }) => trend(new URLSearchParams(call.path.split("?")[1]).get("by") as CostTrend["by"], ["aws", "azure"]))
      .on("GET /api/actions?agentId=cost-optimization&limit=50", {
        items: [
          action("small", { agentId: "cost-optimization", description: "delete orphaned volume", parameters: { estimatedMonthlySavings: "12.5" } }),
          action("big", { agentId: "cost-optimization", description: "right-size i-1", parameters: { estimatedMonthlySavings: "240" } }),
        ],
        total: 2,
        offset: 0,
        limit: 50,
      })
      .on("GET /api/cost-optimization/recommendations", {
        generatedAt: "2026-11-27T08:00:00Z",
        window: "01:00:00",
        machinesAnalysed: 40,
        machinesWithoutHistory: 0,
        volumesAnalysed: 30,
        estimatedMonthlySavings: 414,
        recommendations: [
          { resourceId: "aws:ec2:i-9", name: "i-9", provider: "aws", kind: "ec2-instance", team: "shop", type: "idle-machine", action: "Stop or remove i-9: it has been idle", monthlyCost: 276, estimatedMonthlySavings: 276, evidence: ["CPU p95 2.0% and mean 1.1% over the last 1 h (120 samples)"] },
          { resourceId: "aws:ec2:i-8", name: "i-8", provider: "aws", kind: "ec2-instance", team: null, type: "underused-machine", action: "Move i-8 one size down", monthlyCost: 276, estimatedMonthlySavings: 138, evidence: ["CPU p95 12.0%"] },
        ],
      });
    renderInConsole(<CostPage />, { server, roles: ["viewer"] });
    expect((await screen.findByTestId("cost-per-month")).textContent).toBe("$7,200");
    expect(screen.getByText(/2 without a known cost/)).toBeTruthy();
    const section = within(await screen.findByRole("region", { name: "recommendations" }));
    expect((await section.findByTestId("recommended-savings")).textContent).toBe("2 recommendation(s) would save $414 per month (40 machines and 30 volumes analysed).");
    const recommended = section.getAllByTestId("recommendation").map((li) => li.textContent);
    expect(recommended[0]).toContain("Stop or remove i-9");
    expect(recommended[0]).toContain("CPU p95 2.0%");
    expect(section.getByText("Proposed by the cost optimization agent")).toBeTruthy();
    expect(section.getByText(/saves \$240\/month/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "team" }));
    await waitFor(() => expect(server.calls.some((c) => c.path.includes("by=team"))).toBe(true));
  });

  it("says when there is no snapshot in the range yet", async () => {
    const server = new FakeServer()
      .on("GET /api/cost-optimization/reports", report)
      .on("GET /api/cost-optimization/trend", { ...trend("provider", []) })
      .on("GET /api/actions?agentId=cost-optimization&limit=50", { items: [], total: 0, offset: 0, limit: 50 })
      .on("GET /api/cost-optimization/recommendations", { generatedAt: "2026-11-27T08:00:00Z", window: "01:00:00", machinesAnalysed: 3, machinesWithoutHistory: 5, volumesAnalysed: 1, estimatedMonthlySavings: 0, recommendations: [] });
    renderInConsole(<CostPage />, { server });
    expect((await screen.findByTestId("trend-empty")).textContent).toContain("No snapshots in this range yet");
    expect((await screen.findByTestId("recommended-savings")).textContent).toBe("Nothing to recommend: 3 machines and 1 volumes analysed.");
    expect(screen.getByText("5 machine(s) not judged yet: their CPU history covers less than half of the last hour.")).toBeTruthy();
    expect(screen.queryByText("Proposed by the cost optimization agent")).toBeNull();
  });

  it("keeps the largest series and sums the rest into other", () => {
    const t = trend("kind", ["a", "b", "c", "d"]);
    const shown = topSeries(t, 3);
    expect(shown.map((s) => s.key)).toEqual(["a", "b", "other"]);
    expect(shown[2]?.points.get("2026-11-27T07:00:00Z")).toBe(8 + 7);
    expect(savingsOf(action("x", { parameters: { estimatedMonthlySavings: "abc" } }))).toBeNull();
  });
});

describe("Overview spend", () => {
  it("shows the monthly run-rate, its change over the day and a sparkline", () => {
    renderInConsole(<Overview agents={[]} incidents={[]} spend={trend("total", ["all"])} />);
    const spend = screen.getByTestId("spend");
    expect(spend.textContent).toContain("$7,920");
    expect(spend.textContent).toContain("+$720");
    expect(within(spend).getByTestId("sparkline")).toBeTruthy();
  });
});
