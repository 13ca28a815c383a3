// The slice of the AIOps HTTP API the dashboard reads; enums arrive as kebab-case strings.

export type Severity = "low" | "medium" | "high" | "critical";
export type IncidentStatus = "open" | "investigating" | "resolved" | "closed";
export type AgentLifecycle = "stopped" | "running" | "degraded";
export type AutomationLevel = "manual" | "semi-auto" | "full-auto";
export type AgentType = "terraform" | "kubernetes" | "incident-response" | "cost-optimization";

export interface AgentHealth {
  healthy: boolean;
  lastCheckedAt: string | null;
  failures: string[];
  consecutiveFailures: number;
  restarts: number;
  nextRestartAt: string | null;
}

export interface AgentStatus {
  id: string;
  name: string;
  type: AgentType;
  enabled: boolean;
  lifecycle: AgentLifecycle;
  automationLevel: AutomationLevel;
  eventsProcessed: number;
  lastEventAt: string | null;
  startedAt: string | null;
  updatedAt: string;
  eventsIgnored: number;
  health: AgentHealth | null;
}

export interface IncidentSummary {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  affectedResourceCount: number;
  detectedAt: string;
  updatedAt: string;
}

/** An incident as the live feed pushes it (the parts the dashboard shows so far). */
export interface Incident {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  status: IncidentStatus;
  affectedResources: string[];
  detectedAt: string;
  resolvedAt: string | null;
  updatedAt: string;
}

/** The list row of an incident pushed whole by the live feed. */
export function summaryOf(incident: Incident): IncidentSummary {
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    affectedResourceCount: incident.affectedResources.length,
    detectedAt: incident.detectedAt,
    updatedAt: incident.updatedAt,
  };
}

export interface IncidentPage {
  items: IncidentSummary[];
  total: number;
  offset: number;
  limit: number;
}

/** An RFC 7807 answer from the server, kept whole so views can show what was wrong. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: Record<string, string[]> | undefined,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

export type TokenSource = () => Promise<string | null>;

/** Calls the API with the signed-in user's token; a non-2xx answer becomes a ProblemError. */
export class ApiClient {
  constructor(
    private readonly token: TokenSource,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async get<T>(path: string): Promise<T> {
    const token = await this.token();
    const response = await this.fetcher(path, {
      headers: { Accept: "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    });
    if (!response.ok) {
      throw await problemOf(response);
    }

    return (await response.json()) as T;
  }

  agents(): Promise<AgentStatus[]> {
    return this.get<AgentStatus[]>("/api/agents/status");
  }

  openIncidents(): Promise<IncidentPage> {
    return this.get<IncidentPage>("/api/incidents?status=open&limit=200");
  }
}

async function problemOf(response: Response): Promise<ProblemError> {
  try {
    const body = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
    return new ProblemError(response.status, body.title ?? response.statusText, body.detail, body.errors);
  } catch {
    return new ProblemError(response.status, response.statusText || `HTTP ${response.status}`, undefined, undefined);
  }
}
