import type { IncidentStatus, IncidentSummary, Severity } from "../api";

export interface IncidentListFilter {
  status: IncidentStatus | "";
  minSeverity: Severity | "";
}

const rank: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** Whether a row belongs in a list read with this filter (the server's rules: status equal, severity at least). */
export function matchesFilter(incident: IncidentSummary, filter: IncidentListFilter): boolean {
  return (filter.status === "" || incident.status === filter.status)
    && (filter.minSeverity === "" || rank[incident.severity] >= rank[filter.minSeverity]);
}

/**
 * The list after a change (live or loaded): replaced by id unless what is shown is newer; a row that no longer
 * matches leaves, a new matching one joins; most recently detected first.
 */
export function withListedIncident(rows: readonly IncidentSummary[], update: IncidentSummary, filter: IncidentListFilter): IncidentSummary[] {
  const shown = rows.find((r) => r.id === update.id);
  if (shown && shown.updatedAt > update.updatedAt) {
    return [...rows];
  }

  const next = rows.filter((r) => r.id !== update.id);
  if (matchesFilter(update, filter)) {
    next.push(update);
  }

  return next.sort((a, b) => b.detectedAt.localeCompare(a.detectedAt) || a.id.localeCompare(b.id));
}
