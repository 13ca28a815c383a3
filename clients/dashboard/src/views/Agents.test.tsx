import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { FakeServer, problem, renderInConsole } from "../test/harness";
import { agentConfig } from "../test/fixtures";
import { AgentsPage, configOf } from "./AgentsPage";

afterEach(cleanup);

const history = (versions: number) =>
  Array.from({ length: versions }, (_, i) => ({
    version: versions - i,
    config: agentConfig(),
    changedBy: i === 0 && versions > 1 ? "admin" : "system:defaults",
    changedAt: "2026-11-27T08:00:00Z",
    changes: i === 0 && versions > 1 ? ["automationLevel: manual → semi-auto"] : ["created"],
  }));

const serve = () =>
  new FakeServer()
    .on("GET /api/agents/status", [])
    .on("GET /api/agents/kubernetes/config", agentConfig())
    .on("GET /api/agents/kubernetes/config/history", history(1));

describe("AgentsPage", () => {
  it("saves an admin's change and shows the new version in the history", async () => {
    const server = serve().on("POST /api/agents/config", (call: { body: unknown }) => ({ ...(call.body as object), updatedAt: "2026-11-27T09:00:00Z" }));
    renderInConsole(<AgentsPage selected="kubernetes" />, { server, roles: ["admin"], path: "/agents/kubernetes" });
    await screen.findByText("Kubernetes configuration");
    fireEvent.mouseDown(screen.getByRole("combobox", { name: "Automation level" }));
    fireEvent.click(await screen.findByRole("option", { name: "semi-auto" }));
    server.on("GET /api/agents/kubernetes/config/history", history(2));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getAllByTestId("config-version")).toHaveLength(2));
    expect(screen.getByTestId("config-history").textContent).toContain("automationLevel: manual → semi-auto");
    expect(server.calls.find((c) => c.method === "POST")?.body).toMatchObject({ id: "kubernetes", automationLevel: "semi-auto", thresholds: { "cpu.target": 0.7 } });
  });

  it("shows the server's validation messages and keeps what was typed", async () => {
    const server = serve().on("POST /api/agents/config", () => problem(400, "One or more validation errors occurred.", { "thresholds.cpu.target": ["must be a finite number"] }));
    renderInConsole(<AgentsPage selected="kubernetes" />, { server, roles: ["admin"] });
    const value = await screen.findByLabelText("cpu.target value");
    fireEvent.change(value, { target: { value: "seventy" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findByTestId("problem")).textContent).toContain("thresholds.cpu.target: must be a finite number");
    expect(screen.getByLabelText<HTMLInputElement>("cpu.target value").value).toBe("seventy");
    expect(screen.getAllByTestId("config-version")).toHaveLength(1);
  });

  it("is read only below the admin role", async () => {
    renderInConsole(<AgentsPage selected="kubernetes" />, { server: serve(), roles: ["approver"] });
    const form = within(await screen.findByTestId("agent-config"));
    expect(form.getByText(/Read only/)).toBeTruthy();
    expect(form.queryByRole("button", { name: "Save" })).toBeNull();
    expect(form.getByRole("combobox", { name: "Automation level" }).getAttribute("aria-disabled")).toBe("true");
  });

  it("never drops a threshold that is not a number: the server names it", () => {
    const sent = configOf(agentConfig(), { enabled: true, automationLevel: "manual", approvalRequired: false, thresholds: [{ key: "cpu.target", value: "x" }, { key: " ", value: "1" }], integrations: "slack, , pagerduty" });
    expect(sent.thresholds).toEqual({ "cpu.target": "x" });
    expect(sent.integrations).toEqual(["slack", "pagerduty"]);
  });
});
