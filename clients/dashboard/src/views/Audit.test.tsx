import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { AuditEntry } from "../api";
import { FakeServer, problem, renderInConsole } from "../test/harness";
import { AuditPage, filterOf } from "./AuditPage";

afterEach(cleanup);

const entry = (sequence: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  sequence,
  at: "2026-11-27T08:00:00Z",
  actor: "approver",
  action: "approval.granted",
  outcome: "allowed",
  resourceId: null,
  actionId: "act-1",
  agentId: "kubernetes",
  reason: "drain agreed",
  details: { risk: "high" },
  previousHash: "aa",
  hash: "bb",
  ...over,
});

describe("AuditPage", () => {
  it("shows the chain's state and searches with the filters typed", async () => {
    const server = new FakeServer()
      .on("GET /api/audit?offset=0&limit=50", { items: [entry(1), entry(2)], total: 2, offset: 0, limit: 50 })
      .on("GET /api/audit?actor=approver&action=approval.granted&offset=0&limit=50", { items: [entry(2)], total: 1, offset: 0, limit: 50 })
      .on("GET /api/audit/verify", { valid: false, entriesChecked: 2, firstBrokenSequence: 2, break: "hash-mismatch", reason: "entry 2 was altered", lastSequence: 1, lastHash: "aa" });
    renderInConsole(<AuditPage />, { server, roles: ["viewer"] });
    expect((await screen.findByTestId("chain-status")).textContent).toContain("Broken at #2: hash-mismatch — entry 2 was altered");
    await waitFor(() => expect(screen.getAllByTestId("audit-entry")).toHaveLength(2));

    fireEvent.change(screen.getByLabelText("Actor"), { target: { value: "approver" } });
    fireEvent.change(screen.getByLabelText("Action (e.g. approval.granted)"), { target: { value: "approval.granted" } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    await waitFor(() => expect(screen.getAllByTestId("audit-entry")).toHaveLength(1));
    fireEvent.click(screen.getByRole("button", { name: "show details" }));
    expect((await screen.findByText("risk: high")).textContent).toBe("risk: high");
    // Only admins export.
    expect(screen.queryByRole("region", { name: "compliance report" })).toBeNull();
  });

  it("shows the server's problem when an export lacks its period", async () => {
    const server = new FakeServer()
      .on("GET /api/audit?offset=0&limit=50", { items: [], total: 0, offset: 0, limit: 50 })
      .on("GET /api/audit/verify", { valid: true, entriesChecked: 0, firstBrokenSequence: null, break: null, reason: null, lastSequence: null, lastHash: null })
      .on("GET /api/audit/export", () => problem(400, "One or more validation errors occurred.", { from: ["is required (ISO 8601, e.g. 2026-01-01T00:00:00Z)"] }));
    renderInConsole(<AuditPage />, { server, roles: ["admin"] });
    const report = within(await screen.findByRole("region", { name: "compliance report" }));
    fireEvent.click(report.getByRole("button", { name: "Export" }));
    expect((await report.findByTestId("problem")).textContent).toContain("from: is required");
    expect((await screen.findByTestId("chain-status")).textContent).toContain("Intact: 0 entries checked");
  });

  it("sends times as UTC and leaves out empty filters", () => {
    const filter = filterOf({ from: "2026-11-27T10:00", to: "", actor: " ", resource: "r1", action: "", actionId: "" }, 2);
    expect(filter).toEqual({ from: new Date("2026-11-27T10:00").toISOString(), to: undefined, actor: undefined, resource: "r1", action: undefined, actionId: undefined, offset: 100, limit: 50 });
  });
});
