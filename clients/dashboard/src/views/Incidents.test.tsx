import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { FakeServer, renderInConsole } from "../test/harness";
import { entry, incident, incidentSummary } from "../test/fixtures";
import { IncidentDetailPage, withAction } from "./IncidentDetailPage";
import { IncidentsPage } from "./IncidentsPage";
import { matchesFilter, withListedIncident } from "./incidents";
import { action } from "../test/fixtures";

afterEach(cleanup);

describe("IncidentsPage", () => {
  it("reads with the address's filters and adds a matching incident the feed pushes, without reading again", async () => {
    const server = new FakeServer().on("GET /api/incidents?status=open&minSeverity=high&offset=0&limit=50", {
      items: [incidentSummary("a")],
      total: 1,
      offset: 0,
      limit: 50,
    });
    const { live } = renderInConsole(<IncidentsPage />, { server, path: "/incidents?status=open&minSeverity=high" });
    await screen.findByTestId("incident-row-a");
    expect(live.groups.has("incidents")).toBe(true);

    act(() => live.push("IncidentChanged", incident("b", { severity: "critical", detectedAt: "2026-11-27T09:00:00Z", updatedAt: "2026-11-27T09:00:00Z" })));
    act(() => live.push("IncidentChanged", incident("c", { severity: "low", updatedAt: "2026-11-27T09:00:00Z" })));
    const rows = screen.getAllByTestId(/^incident-row-/).map((r) => r.dataset["testid"]);
    expect(rows).toEqual(["incident-row-b", "incident-row-a"]);
    expect(server.calls.filter((c) => c.path.startsWith("/api/incidents"))).toHaveLength(1);
    expect(screen.getByText("1–2 of 2")).toBeTruthy();
  });

  it("drops a row once it no longer matches the filter", () => {
    const filter = { status: "open", minSeverity: "" } as const;
    const rows = [incidentSummary("a"), incidentSummary("b")];
    const after = withListedIncident(rows, incidentSummary("a", { status: "resolved", updatedAt: "2026-11-27T09:00:00Z" }), filter);
    expect(after.map((r) => r.id)).toEqual(["b"]);
    expect(matchesFilter(incidentSummary("x", { severity: "medium" }), { status: "", minSeverity: "high" })).toBe(false);
    expect(matchesFilter(incidentSummary("x", { severity: "critical" }), { status: "", minSeverity: "high" })).toBe(true);
  });
});

describe("IncidentDetailPage", () => {
  const serve = () =>
    new FakeServer()
      .on("GET /api/incidents/inc-1", incident("inc-1"))
      .on("GET /api/incidents/inc-1/timeline", [entry(1, "opened")])
      .on("GET /api/actions", { items: [], total: 0, offset: 0, limit: 50 });

  it("shows classification, root-cause evidence and the timeline, and reads the timeline again when the incident changes", async () => {
    const server = serve();
    const { live } = renderInConsole(<IncidentDetailPage id="inc-1" />, { server, roles: ["operator"] });
    await screen.findByText("opened");
    expect(live.groups.has("incident:inc-1")).toBe(true);
    expect(screen.getByRole("region", { name: "classification" }).textContent).toContain("node-failure");
    expect(screen.getByTestId("root-cause").textContent).toContain("connected to all 7 alerting resources");

    server.on("GET /api/incidents/inc-1/timeline", [entry(1, "opened"), entry(2, "alerts attached")]);
    act(() => live.push("IncidentChanged", incident("inc-1", { status: "investigating", updatedAt: "2026-11-27T09:00:00Z" })));
    await screen.findByText("alerts attached");
    expect(screen.getAllByTestId("timeline-entry")).toHaveLength(2);
    // Someone else's incident changing reads nothing.
    const reads = server.calls.length;
    act(() => live.push("IncidentChanged", incident("inc-2", { updatedAt: "2026-11-27T09:00:00Z" })));
    expect(server.calls.length).toBe(reads);
  });

  it("lets an operator acknowledge, and shows the server's refusal when the incident moved on", async () => {
    const server = serve().on("POST /api/incidents/inc-1/acknowledge", () =>
      new Response(JSON.stringify({ title: "Invalid transition", detail: "incident 'inc-1' is resolved and cannot become investigating" }), { status: 409 }),
    );
    renderInConsole(<IncidentDetailPage id="inc-1" />, { server, roles: ["operator"] });
    fireEvent.click(await screen.findByRole("button", { name: "Acknowledge" }));
    expect((await screen.findByTestId("problem")).textContent).toContain("cannot become investigating");
  });

  it("gives a viewer no buttons to act with", async () => {
    renderInConsole(<IncidentDetailPage id="inc-1" />, { server: serve(), roles: ["viewer"] });
    await screen.findByText("opened");
    expect(screen.queryByRole("button", { name: "Acknowledge" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Resolve" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Add note" })).toBeNull();
    expect(within(screen.getByRole("region", { name: "postmortem" })).getByRole("button", { name: "Generate" })).toBeTruthy();
  });

  it("lists an action the feed pushes when it targets an affected resource", () => {
    const shown = withAction([], action("a1", { targetResources: ["k8s:prod:node/n1"] }), incident("inc-1"));
    expect(shown.map((a) => a.id)).toEqual(["a1"]);
    expect(withAction(shown, action("other", { targetResources: ["k8s:prod:node/n9"] }), incident("inc-1")).map((a) => a.id)).toEqual(["a1"]);
    const older = withAction(shown, action("a1", { status: "approved", updatedAt: "2026-11-27T07:00:00Z" }), incident("inc-1"));
    expect(older[0]?.status).toBe("pending");
  });
});

describe("resolving", () => {
  it("sends the steps typed, one per line", async () => {
    const server = new FakeServer()
      .on("GET /api/incidents/inc-1", incident("inc-1", { status: "investigating" }))
      .on("GET /api/incidents/inc-1/timeline", [])
      .on("GET /api/actions", { items: [], total: 0, offset: 0, limit: 50 })
      .on("POST /api/incidents/inc-1/resolve", incident("inc-1", { status: "resolved", updatedAt: "2026-11-27T09:00:00Z" }));
    renderInConsole(<IncidentDetailPage id="inc-1" />, { server, roles: ["operator"] });
    fireEvent.click(await screen.findByRole("button", { name: "Resolve" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("What was done (one step per line)"), { target: { value: "rebooted the node\n\nconfirmed Ready" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Resolve" }));
    await waitFor(() => expect(server.calls.find((c) => c.method === "POST")?.body).toEqual({ steps: ["rebooted the node", "confirmed Ready"], automated: false }));
  });
});
