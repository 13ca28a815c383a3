import type { AgentStatus, Approval, IncidentSummary, Severity } from "../api";

export const severities: readonly Severity[] = ["critical", "high", "medium", "low"];

/** Open incidents counted by severity, most severe first (every severity present, zero when none). */
export function countBySeverity(incidents: readonly IncidentSummary[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const incident of incidents) {
    counts[incident.severity] += 1;
  }

  return counts;
}

/** The agents after a status update (live or loaded): replaced by id unless what is shown is newer, kept in name order. */
export function withAgent(agents: readonly AgentStatus[], update: AgentStatus): AgentStatus[] {
  const shown = agents.find((a) => a.id === update.id);
  if (shown && shown.updatedAt > update.updatedAt) {
    return [...agents];
  }

  const next = agents.filter((a) => a.id !== update.id);
  next.push(update);
  return next.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The open incidents after an update (live or loaded), unless what is shown is newer: an incident no longer open or
 * investigating leaves; the most recently updated come first.
 */
export function withIncident(incidents: readonly IncidentSummary[], update: IncidentSummary): IncidentSummary[] {
  const shown = incidents.find((i) => i.id === update.id);
  if (shown && shown.updatedAt > update.updatedAt) {
    return [...incidents];
  }

  const next = incidents.filter((i) => i.id !== update.id);
  if (update.status === "open" || update.status === "investigating") {
    next.push(update);
  }

  return next.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** Pending approvals after a change: a decided or expired one leaves; oldest request first. */
export function withApproval(approvals: readonly Approval[], update: Approval): Approval[] {
  const next = approvals.filter((a) => a.actionId !== update.actionId);
  if (update.status === "pending") {
    next.push(update);
  }

  return next.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}
