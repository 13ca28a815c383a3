import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import { useEffect, useRef } from "react";
import type { TokenSource } from "./api";

/** What the views need from the live feed: group subscriptions and event handlers. */
export interface LiveSource {
  /** Joins a group (incidents, agents, approvals, incident:<id>...) until the returned function is called. */
  subscribe(group: string): Promise<() => void>;
  /** Calls the handler for each message of one kind until the returned function is called. */
  on(event: LiveEvent, handler: (payload: never) => void): () => void;
  /** Calls the handler after every reconnect (pushes sent while disconnected were lost) until the returned function is called. */
  onReconnected?(handler: () => void): () => void;
}

export type LiveEvent = "IncidentChanged" | "AgentStatusChanged" | "ActionChanged" | "ApprovalChanged" | "ResourceChanged";

/**
 * One connection to the silo's live feed (/hubs/live, token via accessTokenFactory, automatic reconnect). Groups are
 * counted, so two views following "incidents" share one membership, and joined again after a reconnect (the server
 * forgets a dropped connection's groups). Groups asked for before the connection is up are joined once it is.
 */
export class LiveFeed implements LiveSource {
  private readonly groups = new Map<string, number>();

  private readonly reconnectHandlers = new Set<() => void>();

  constructor(readonly connection: HubConnection) {
    connection.onreconnected(() => {
      void Promise.allSettled([...this.groups.keys()].map((group) => connection.invoke("Subscribe", group))).then(() =>
        this.reconnectHandlers.forEach((h) => h()));
    });
  }

  onReconnected(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  static connect(token: TokenSource): LiveFeed {
    return new LiveFeed(
      new HubConnectionBuilder()
        .withUrl("/hubs/live", { accessTokenFactory: async () => (await token()) ?? "" })
        .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
        .configureLogging(LogLevel.Warning)
        .build(),
    );
  }

  /**
   * Connects, then joins the groups asked for while it was not connected yet. A group the server refuses (one spanning
   * every team, for a team-scoped user) is reported, not fatal: the connection serves the others.
   */
  async start(): Promise<void> {
    await this.connection.start();
    const groups = [...this.groups.keys()];
    const results = await Promise.allSettled(groups.map((group) => this.connection.invoke("Subscribe", group)));
    results.forEach((result, i) => {
      if (result.status === "rejected") {
        console.warn(`live feed: could not follow ${groups[i] ?? "?"}`, result.reason);
      }
    });
  }

  async subscribe(group: string): Promise<() => void> {
    const count = this.groups.get(group) ?? 0;
    this.groups.set(group, count + 1);
    if (count === 0 && this.connection.state === HubConnectionState.Connected) {
      try {
        await this.connection.invoke("Subscribe", group);
      } catch (e) {
        this.release(group);
        throw e;
      }
    }

    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.release(group);
      }
    };
  }

  on(event: LiveEvent, handler: (payload: never) => void): () => void {
    // The hub's payloads are JSON as the server typed them; each handler declares the type of its event.
    const receive = (payload: unknown) => {
      handler(payload as never);
    };
    this.connection.on(event, receive);
    return () => this.connection.off(event, receive);
  }

  private release(group: string): void {
    const count = (this.groups.get(group) ?? 1) - 1;
    if (count > 0) {
      this.groups.set(group, count);
      return;
    }

    this.groups.delete(group);
    if (this.connection.state === HubConnectionState.Connected) {
      void this.connection.invoke("Unsubscribe", group).catch(() => undefined);
    }
  }
}

/**
 * Follows live groups for as long as the component is mounted: handlers first, then the subscriptions, then
 * `load` (so an update racing the first read is applied on top of it, never lost). `load` runs again (after
 * the subscriptions) when `reloadKey` changes. Nothing is polled.
 */
export function useLive(
  live: LiveSource,
  groups: readonly string[],
  handlers: Partial<Record<LiveEvent, (payload: never) => void>>,
  load: (isCurrent: () => boolean) => Promise<void>,
  reloadKey = "",
): void {
  const key = groups.join(",");
  const handlersRef = useRef(handlers);
  const loadRef = useRef(load);
  useEffect(() => {
    handlersRef.current = handlers;
    loadRef.current = load;
  });

  useEffect(() => {
    let current = true;
    const isCurrent = () => current;
    const offs = (Object.keys(handlersRef.current) as LiveEvent[]).map((event) =>
      live.on(event, (payload: never) => {
        if (isCurrent()) {
          handlersRef.current[event]?.(payload);
        }
      }),
    );
    const releases: (() => void)[] = [];
    void (async () => {
      for (const group of key ? key.split(",") : []) {
        try {
          const release = await live.subscribe(group);
          if (!isCurrent()) {
            release();
            return;
          }

          releases.push(release);
        } catch (e) {
          // Refused (a team-scoped user and a group spanning teams, say): the view still shows what it can read.
          console.warn(`live feed: could not follow ${group}`, e);
        }
      }

      if (isCurrent()) {
        await loadRef.current(isCurrent);
      }
    })();
    // Pushes sent while the connection was down are lost: read again once it is back.
    const offReconnected = live.onReconnected?.(() => {
      if (isCurrent()) {
        void loadRef.current(isCurrent);
      }
    });
    return () => {
      current = false;
      offs.forEach((off) => off());
      releases.forEach((release) => release());
      offReconnected?.();
    };
  }, [live, key, reloadKey]);
}
