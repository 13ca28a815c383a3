import type { ApiClient, ResourceHealth, ResourceSummary, ResourceTopology } from "../../api";

/** The server's largest topology page. */
const pageSize = 500;

/**
 * The whole estate in the caller's scope: the first page says how many there are, the rest are read a few at a time
 * and stitched (edges leaving a page name resources of other pages, so the union is the graph).
 */
export async function loadEstate(api: ApiClient, concurrency = 3): Promise<ResourceTopology> {
  const first = await api.topology({ limit: pageSize });
  const offsets: number[] = [];
  for (let offset = pageSize; offset < first.total; offset += pageSize) {
    offsets.push(offset);
  }

  const pages: ResourceTopology[] = [first];
  let next = 0;
  const worker = async () => {
    while (next < offsets.length) {
      const offset = offsets[next++] ?? 0;
      pages.push(await api.topology({ limit: pageSize, offset }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, offsets.length) }, worker));

  const nodes = new Map<string, ResourceSummary>();
  const edges = new Map<string, { from: string; to: string }>();
  for (const page of pages) {
    page.nodes.forEach((n) => nodes.set(n.id, n));
    page.edges.forEach((e) => edges.set(`${e.from}\n${e.to}`, e));
  }

  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: false, total: first.total };
}

export interface ResourceChange {
  id: string;
  name: string;
  health: ResourceHealth;
  costPerHour: number;
  version: number;
  at: string;
  deleted?: boolean;
  team?: string;
}

export type ChangeOutcome = "none" | "painted" | "unknown" | "removed";

/**
 * Applies one pushed change to the loaded estate. Health and cost change in place (the layout stays, only the drawing
 * changes); a resource not loaded yet is "unknown" (read it, then add it); a deleted one is removed. An older change
 * than what is shown is ignored.
 */
export function applyChange(resources: Map<string, ResourceSummary>, change: ResourceChange): ChangeOutcome {
  const shown = resources.get(change.id);
  if (!shown) {
    return change.deleted ? "none" : "unknown";
  }

  if (shown.version > change.version) {
    return "none";
  }

  if (change.deleted) {
    resources.delete(change.id);
    return "removed";
  }

  shown.health = change.health;
  shown.costPerHour = change.costPerHour;
  shown.name = change.name;
  shown.version = change.version;
  shown.updatedAt = change.at;
  return "painted";
}
