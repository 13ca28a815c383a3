import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { ApiClient } from "../api";
import { ConsoleContext, type ConsoleServices } from "../console";
import type { LiveEvent, LiveSource } from "../live";
import { noPermissions, permissionsOf, type Permissions } from "../roles";
import { Router } from "../router";

/** The live feed at the module boundary: records subscriptions, and tests push messages as the hub would. */
export class FakeLive implements LiveSource {
  readonly groups = new Map<string, number>();
  private readonly handlers = new Map<LiveEvent, Set<(payload: never) => void>>();

  subscribe(group: string): Promise<() => void> {
    this.groups.set(group, (this.groups.get(group) ?? 0) + 1);
    return Promise.resolve(() => {
      const count = (this.groups.get(group) ?? 1) - 1;
      if (count > 0) {
        this.groups.set(group, count);
      } else {
        this.groups.delete(group);
      }
    });
  }

  on(event: LiveEvent, handler: (payload: never) => void): () => void {
    const set = this.handlers.get(event) ?? new Set();
    set.add(handler);
    this.handlers.set(event, set);
    return () => set.delete(handler);
  }

  push(event: LiveEvent, payload: unknown): void {
    this.handlers.get(event)?.forEach((h) => h(payload as never));
  }
}

export interface Call {
  method: string;
  path: string;
  body: unknown;
}

type Responder = (call: Call) => unknown;

/** The API at the wire: answers by "METHOD path" (query included, or the path alone), records every call. */
export class FakeServer {
  readonly calls: Call[] = [];
  private readonly routes = new Map<string, Responder>();

  on(route: string, answer: unknown): this {
    this.routes.set(route, typeof answer === "function" ? (answer as Responder) : () => answer);
    return this;
  }

  readonly fetch: typeof fetch = (input, init) => Promise.resolve(this.answer(input, init));

  private answer(input: Parameters<typeof fetch>[0], init: Parameters<typeof fetch>[1]): Response {
    const url = typeof input === "string" ? input : input instanceof URL ? input.pathname + input.search : input.url;
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const call = { method, path: url, body };
    this.calls.push(call);
    const route = this.routes.get(`${method} ${url}`) ?? this.routes.get(`${method} ${url.split("?")[0] ?? url}`);
    if (!route) {
      return new Response(JSON.stringify({ title: "Not Found", detail: `no fake for ${method} ${url}` }), { status: 404 });
    }

    const answer = route(call);
    if (answer instanceof Response) {
      return answer;
    }

    return typeof answer === "string"
      ? new Response(answer, { status: 200, headers: { "Content-Type": "text/plain" } })
      : new Response(JSON.stringify(answer), { status: 200, headers: { "Content-Type": "application/json" } });
  }
}

/** A problem-details answer, as the server sends for bad input. */
export function problem(status: number, title: string, errors?: Record<string, string[]>, detail?: string): Response {
  return new Response(JSON.stringify({ status, title, detail, errors }), { status, headers: { "Content-Type": "application/problem+json" } });
}

export interface Rendered extends RenderResult {
  server: FakeServer;
  live: FakeLive;
}

/** Renders a view inside the console's context (router, API over the fake server, fake live feed). */
export function renderInConsole(
  ui: ReactElement,
  options: { server?: FakeServer; live?: FakeLive; roles?: string[]; permissions?: Permissions; path?: string; userId?: string } = {},
): Rendered {
  const server = options.server ?? new FakeServer();
  const live = options.live ?? new FakeLive();
  window.history.replaceState(null, "", options.path ?? "/");
  const services: ConsoleServices = {
    api: new ApiClient(() => Promise.resolve("token"), server.fetch),
    live,
    permissions: options.permissions ?? (options.roles ? permissionsOf(options.roles) : noPermissions),
    userId: options.userId ?? "someone",
  };
  const result = render(
    <Router>
      <ConsoleContext.Provider value={services}>{ui}</ConsoleContext.Provider>
    </Router>,
  );
  return { ...result, server, live };
}
