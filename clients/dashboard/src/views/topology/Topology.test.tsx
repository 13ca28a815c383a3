import { describe, expect, it } from "vitest";
import type { ResourceSummary } from "../../api";
import { cell, hit, layout, matches, noFilter, valuesOf } from "./layout";
import { applyChange } from "./topologyData";
import { resourcePath, withRelated } from "./ResourcePanel";
import { incidentSummary } from "../../test/fixtures";

const resource = (id: string, over: Partial<ResourceSummary> = {}): ResourceSummary => ({
  id,
  provider: "k8s",
  kind: "pod",
  name: id,
  location: "prod-eu",
  team: "payments",
  environment: "production",
  health: "healthy",
  costPerHour: 0.1,
  updatedAt: "2026-11-27T08:00:00Z",
  version: 1,
  ...over,
});

describe("topology layout", () => {
  it("groups resources, counts their health and finds a resource from a point inside its cell", () => {
    const estate = Array.from({ length: 5000 }, (_, i) =>
      resource(`r${i}`, { location: `cluster-${i % 7}`, kind: i % 10 === 0 ? "node" : "pod", health: i % 97 === 0 ? "unhealthy" : "healthy" }));
    const map = layout(estate, "location");
    expect(map.groups.map((g) => g.key)).toEqual(["cluster-0", "cluster-1", "cluster-2", "cluster-3", "cluster-4", "cluster-5", "cluster-6"]);
    expect(map.positions.size).toBe(5000);
    expect(map.groups.reduce((n, g) => n + g.health.unhealthy, 0)).toBe(estate.filter((r) => r.health === "unhealthy").length);
    // Nodes come before pods in a group.
    expect(map.groups[0]?.members[0]?.kind).toBe("node");

    for (const id of ["r0", "r1234", "r4999"]) {
      const p = map.positions.get(id);
      expect(p).toBeDefined();
      expect(hit(map, (p?.x ?? 0) + cell / 2, (p?.y ?? 0) + cell / 2)?.id).toBe(id);
    }

    // Between cells and outside every group there is nothing to hit.
    const first = map.positions.get("r0");
    expect(hit(map, (first?.x ?? 0) + cell + 1, (first?.y ?? 0) + 1)).toBeUndefined();
    expect(hit(map, -50, -50)).toBeUndefined();
    // Groups never overlap.
    for (const a of map.groups) {
      for (const b of map.groups) {
        if (a !== b) {
          expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
        }
      }
    }
  });

  it("filters by provider, environment, team, health and text", () => {
    const r = resource("aws:ec2:i-1", { provider: "aws", kind: "instance", name: "checkout-1", team: null, environment: "staging", health: "degraded" });
    expect(matches(r, { ...noFilter, provider: "aws", environment: "staging", team: "(none)", health: "degraded", text: "CHECKOUT" })).toBe(true);
    expect(matches(r, { ...noFilter, provider: "k8s" })).toBe(false);
    expect(matches(r, { ...noFilter, text: "billing" })).toBe(false);
    expect(valuesOf([r, resource("b")], "team")).toEqual(["(none)", "payments"]);
  });
});

describe("live changes on the map", () => {
  it("repaints in place, ignores older changes, reports unknown resources and removes deleted ones", () => {
    const estate = new Map([["a", resource("a", { version: 3 })]]);
    expect(applyChange(estate, { id: "a", name: "a", health: "unhealthy", costPerHour: 0.2, version: 4, at: "2026-11-27T09:00:00Z" })).toBe("painted");
    expect(estate.get("a")?.health).toBe("unhealthy");
    expect(applyChange(estate, { id: "a", name: "a", health: "healthy", costPerHour: 0.2, version: 2, at: "2026-11-27T08:00:00Z" })).toBe("none");
    expect(estate.get("a")?.health).toBe("unhealthy");
    expect(applyChange(estate, { id: "b", name: "b", health: "healthy", costPerHour: 0, version: 1, at: "2026-11-27T09:00:00Z" })).toBe("unknown");
    expect(applyChange(estate, { id: "a", name: "a", health: "healthy", costPerHour: 0, version: 5, at: "2026-11-27T09:00:00Z", deleted: true })).toBe("removed");
    expect(estate.size).toBe(0);
  });

  it("keeps a resource id's slashes in its path and lists related incidents newest first", () => {
    expect(resourcePath("k8s:prod:node/ip 10")).toBe("k8s%3Aprod%3Anode/ip%2010");
    const items = withRelated([incidentSummary("old", { detectedAt: "2026-11-27T07:00:00Z" })], incidentSummary("new", { detectedAt: "2026-11-27T09:00:00Z" }));
    expect(items.map((i) => i.id)).toEqual(["new", "old"]);
  });
});
