import { describe, expect, it } from "vitest";
import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import { LiveFeed } from "./live";

/** A hub connection at its boundary: records invocations, connects and reconnects when told. */
class FakeConnection {
  state = HubConnectionState.Disconnected;
  readonly invoked: string[] = [];
  private reconnected: (() => void)[] = [];

  start(): Promise<void> {
    this.state = HubConnectionState.Connected;
    return Promise.resolve();
  }

  readonly refused = new Set<string>();

  invoke(method: string, group: string): Promise<void> {
    this.invoked.push(`${method} ${group}`);
    return this.refused.has(group) ? Promise.reject(new Error(`'${group}' spans every team`)) : Promise.resolve();
  }

  onreconnected(callback: () => void): void {
    this.reconnected.push(callback);
  }

  reconnect(): void {
    this.reconnected.forEach((c) => c());
  }
}

describe("LiveFeed", () => {
  it("joins groups asked for before it connected once it is, shares a group between views, and leaves with the last", async () => {
    const connection = new FakeConnection();
    const feed = new LiveFeed(connection as unknown as HubConnection);
    const early = await feed.subscribe("approvals");
    expect(connection.invoked).toEqual([]);
    await feed.start();
    expect(connection.invoked).toEqual(["Subscribe approvals"]);

    const second = await feed.subscribe("approvals");
    const incidents = await feed.subscribe("incidents");
    expect(connection.invoked).toEqual(["Subscribe approvals", "Subscribe incidents"]);
    early();
    early();
    expect(connection.invoked).not.toContain("Unsubscribe approvals");
    second();
    incidents();
    expect(connection.invoked.slice(2)).toEqual(["Unsubscribe approvals", "Unsubscribe incidents"]);
  });

  it("connects even when the server refuses a group (a team-scoped user and a group spanning every team)", async () => {
    const connection = new FakeConnection();
    connection.refused.add("approvals");
    const feed = new LiveFeed(connection as unknown as HubConnection);
    await feed.subscribe("approvals");
    await feed.subscribe("incidents");
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      await feed.start();
    } finally {
      console.warn = warn;
    }

    expect(connection.invoked).toEqual(["Subscribe approvals", "Subscribe incidents"]);
  });

  it("joins its groups again after a reconnect (the server forgot the old connection)", async () => {
    const connection = new FakeConnection();
    const feed = new LiveFeed(connection as unknown as HubConnection);
    await feed.start();
    await feed.subscribe("agents");
    await feed.subscribe("incident:inc-1");
    connection.invoked.length = 0;
    connection.reconnect();
    expect(connection.invoked.sort()).toEqual(["Subscribe agents", "Subscribe incident:inc-1"]);
  });
});
