import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { FakeServer, problem, renderInConsole } from "../test/harness";
import { approval, inboxItem } from "../test/fixtures";
import { ApprovalsPage, withInboxItem } from "./ApprovalsPage";

afterEach(cleanup);

describe("ApprovalsPage", () => {
  it("shows risk, blast radius, the policy's reasons and predicted success; buttons only where the server says this user may decide", async () => {
    const server = new FakeServer().on("GET /api/approvals/inbox", [
      inboxItem("act-1"),
      inboxItem("act-2", { canDecide: false, cannotDecideReason: "you requested this action; another approver must decide (four eyes)", predictedSuccess: null, blastRadiusCapped: true, blastRadius: 1000 }),
    ]);
    renderInConsole(<ApprovalsPage />, { server, roles: ["approver"] });
    const mine = within(await screen.findByTestId("approval-act-1"));
    expect(mine.getByTestId("risk").textContent).toBe("risk high");
    expect(mine.getByTestId("blast-radius").textContent).toBe("blast radius 25 resources");
    expect(mine.getByTestId("predicted-success").textContent).toBe("predicted success 90%");
    expect(mine.getByTestId("policy-reasons").textContent).toContain("production allows at most low risk");
    expect(mine.getByRole("button", { name: "Approve" })).toBeTruthy();

    const own = within(screen.getByTestId("approval-act-2"));
    expect(own.queryByRole("button", { name: "Approve" })).toBeNull();
    expect(own.queryByRole("button", { name: "Reject" })).toBeNull();
    expect(own.getByTestId("cannot-decide").textContent).toContain("four eyes");
    expect(own.getByTestId("blast-radius").textContent).toBe("blast radius 1000+ resources");
    expect(own.getByTestId("predicted-success").textContent).toBe("no success prediction");
  });

  it("sends the comment with the decision and shows the server's problem when it refuses", async () => {
    const server = new FakeServer()
      .on("GET /api/approvals/inbox", [inboxItem("act-1")])
      .on("POST /api/actions/act-1/reject", () => problem(400, "One or more validation errors occurred.", { comment: ["a rejection must say why"] }));
    renderInConsole(<ApprovalsPage />, { server, roles: ["approver"] });
    fireEvent.click(await screen.findByRole("button", { name: "Reject" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Reject" }));
    expect((await within(dialog).findByTestId("problem")).textContent).toContain("comment: a rejection must say why");

    server.on("POST /api/actions/act-1/reject", approval("act-1", { status: "rejected", decidedBy: "approver", comment: "not during the freeze" }));
    fireEvent.change(within(dialog).getByLabelText("Comment (required)"), { target: { value: "not during the freeze" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Reject" }));
    await waitFor(() => expect(screen.queryByTestId("approval-act-1")).toBeNull());
    expect(server.calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([{ comment: "" }, { comment: "not during the freeze" }]);
  });

  it("follows the feed: a decided request leaves, a new one is read by id and joins", async () => {
    const server = new FakeServer().on("GET /api/approvals/inbox", [inboxItem("act-1")]).on("GET /api/approvals/inbox/act-3", inboxItem("act-3", { approval: approval("act-3", { requestedAt: "2026-11-27T08:30:00Z" }) }));
    const { live } = renderInConsole(<ApprovalsPage />, { server, roles: ["approver"] });
    await screen.findByTestId("approval-act-1");
    expect(live.groups.has("approvals")).toBe(true);

    act(() => live.push("ApprovalChanged", approval("act-3", { requestedAt: "2026-11-27T08:30:00Z" })));
    await screen.findByTestId("approval-act-3");
    act(() => live.push("ApprovalChanged", approval("act-1", { status: "approved", decidedBy: "someone" })));
    await waitFor(() => expect(screen.queryByTestId("approval-act-1")).toBeNull());
    expect(server.calls.filter((c) => c.path === "/api/approvals/inbox")).toHaveLength(1);
  });

  it("never brings back a request decided while its item was being read", async () => {
    const server = new FakeServer().on("GET /api/approvals/inbox", []).on("GET /api/approvals/inbox/act-5", inboxItem("act-5"));
    const { live } = renderInConsole(<ApprovalsPage />, { server, roles: ["approver"] });
    await screen.findByText("Nothing is waiting for approval.");
    act(() => {
      live.push("ApprovalChanged", approval("act-5"));
      live.push("ApprovalChanged", approval("act-5", { status: "approved", decidedBy: "other" }));
    });
    await waitFor(() => expect(server.calls.some((c) => c.path === "/api/approvals/inbox/act-5")).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId("approval-act-5")).toBeNull();
  });

  it("keeps the oldest request first and never a decided one", () => {
    const items = [inboxItem("b", { approval: approval("b", { requestedAt: "2026-11-27T08:10:00Z" }) })];
    expect(withInboxItem(items, inboxItem("a")).map((i) => i.approval.actionId)).toEqual(["a", "b"]);
    expect(withInboxItem(items, inboxItem("b", { approval: approval("b", { status: "expired" }) }))).toEqual([]);
  });
});
