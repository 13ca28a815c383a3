// The AIOps HTTP API as the dashboard reads it; enums arrive as kebab-case strings.

export type Severity = "low" | "medium" | "high" | "critical";
export type IncidentStatus = "open" | "investigating" | "resolved" | "closed";
export type AgentLifecycle = "stopped" | "running" | "degraded";
export type AutomationLevel = "manual" | "semi-auto" | "full-auto";
export type AgentType = "terraform" | "kubernetes" | "incident-response" | "cost-optimization";
export type RiskLevel = "low" | "medium" | "high" | "critical";
export type ActionStatus = "pending" | "approved" | "executing" | "completed" | "failed" | "rejected" | "expired" | "cancelled";
export type ApprovalStatus = "pending" | "approved" | "rejected" | "expired";
export type ResourceHealth = "unknown" | "healthy" | "degraded" | "unhealthy";

export const automationLevels: readonly AutomationLevel[] = ["manual", "semi-auto", "full-auto"];

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

export interface AgentConfig {
  id: string;
  name: string;
  type: AgentType;
  enabled: boolean;
  automationLevel: AutomationLevel;
  thresholds: Record<string, number>;
  approvalRequired: boolean;
  integrations: string[];
  createdAt: string;
  updatedAt: string;
}

export interface AgentConfigVersion {
  version: number;
  config: AgentConfig;
  changedBy: string;
  changedAt: string;
  changes: string[];
}

export interface IncidentSummary {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  affectedResourceCount: number;
  detectedAt: string;
  updatedAt: string;
  team?: string | null;
}

export interface IncidentAlert {
  key: string;
  source: string;
  name: string;
  resourceId: string | null;
  severity: Severity;
  summary: string;
  startsAt: string;
  endsAt: string | null;
  reason: string;
  firing: boolean;
}

export interface IncidentClassification {
  type: string;
  confidence: number;
  method: string;
  alternatives: { type: string; score: number }[];
  explanation: string;
  modelVersion: string | null;
}

export interface RootCauseCandidate {
  resourceId: string;
  kind: string | null;
  score: number;
  evidence: string[];
}

/** An incident whole, as the API returns it and the live feed pushes it. */
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
  version?: number;
  team?: string | null;
  resolutionSteps?: string[];
  automatedResolution?: boolean;
  alerts?: IncidentAlert[];
  classification?: IncidentClassification | null;
  rootCauses?: RootCauseCandidate[];
  severityReasons?: string[];
  linkedIncidents?: string[];
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
    team: incident.team ?? null,
  };
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export type IncidentPage = Page<IncidentSummary>;

export interface TimelineEntry {
  version: number;
  type: string;
  actor: string;
  summary: string;
  at: string;
}

export interface NoiseReduction {
  sources: { source: string; notifications: number; uniqueAlerts: number; duplicates: number; incidents: number; reduction: number }[];
  notifications: number;
  uniqueAlerts: number;
  incidents: number;
  suppressed: number;
  notificationsPerIncident: number;
  reduction: number;
}

export interface AgentAction {
  id: string;
  agentId: string;
  type: string;
  description: string;
  targetResources: string[];
  riskLevel: RiskLevel;
  estimatedImpact: string;
  status: ActionStatus;
  createdAt: string;
  executedAt: string | null;
  result: string | null;
  idempotencyKey: string;
  version: number;
  updatedAt: string;
  rationale: string[];
  parameters: Record<string, string>;
}

export interface Approval {
  actionId: string;
  requestedBy: string;
  reasons: string[];
  status: ApprovalStatus;
  requestedAt: string;
  expiresAt: string;
  escalationLevel: number;
  escalatedAt: string | null;
  decidedBy: string | null;
  comment: string | null;
  decidedAt: string | null;
}

/** A pending approval with what deciding needs; the server says whether this user may decide, and why not. */
export interface ApprovalInboxItem {
  approval: Approval;
  action: AgentAction;
  blastRadius: number;
  blastRadiusCapped: boolean;
  predictedSuccess: number | null;
  canDecide: boolean;
  cannotDecideReason: string | null;
}

export interface ResourceSummary {
  id: string;
  provider: string;
  kind: string;
  name: string;
  location: string;
  team: string | null;
  environment: string | null;
  health: ResourceHealth;
  costPerHour: number;
  updatedAt: string;
  version: number;
}

export interface ResourceTopology {
  nodes: ResourceSummary[];
  edges: { from: string; to: string }[];
  truncated: boolean;
  total: number;
}

export interface CostRate {
  perHour: number;
  perDay: number;
  perMonth: number;
}

export interface CostGroup {
  key: string | null;
  resourceCount: number;
  cost: CostRate;
}

export interface CostReport {
  generatedAt: string;
  resourceCount: number;
  resourcesWithoutCost: number;
  total: CostRate;
  byProvider: CostGroup[];
  byTeam: CostGroup[];
  byKind: CostGroup[];
  byEnvironment: CostGroup[];
  topResources: { id: string; name: string; provider: string; kind: string; team: string | null; environment: string | null; cost: CostRate }[];
}

export type CostDimension = "total" | "provider" | "team" | "kind" | "environment";

export interface CostTrend {
  by: CostDimension;
  from: string;
  to: string;
  step: string;
  series: { key: string; points: { at: string; perHour: number }[] }[];
}

export interface CostRecommendation {
  resourceId: string;
  name: string;
  provider: string;
  kind: string;
  team: string | null;
  type: "idle-machine" | "underused-machine" | "unattached-volume";
  action: string;
  monthlyCost: number;
  estimatedMonthlySavings: number;
  evidence: string[];
}

export interface CostRecommendationReport {
  generatedAt: string;
  window: string;
  machinesAnalysed: number;
  machinesWithoutHistory: number;
  volumesAnalysed: number;
  estimatedMonthlySavings: number;
  recommendations: CostRecommendation[];
}

export interface AuditEntry {
  sequence: number;
  at: string;
  actor: string;
  action: string;
  outcome: string;
  resourceId: string | null;
  actionId: string | null;
  agentId: string | null;
  reason: string | null;
  details: Record<string, string>;
  previousHash: string;
  hash: string;
}

export interface AuditVerification {
  valid: boolean;
  entriesChecked: number;
  firstBrokenSequence: number | null;
  break: string | null;
  reason: string | null;
  lastSequence: number | null;
  lastHash: string | null;
}

export interface IncidentFilter {
  status?: IncidentStatus | undefined;
  minSeverity?: Severity | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  resource?: string | undefined;
  action?: string | undefined;
  actionId?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
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

  /** Each field error as "field: message", for showing under a form. */
  fieldMessages(): string[] {
    return Object.entries(this.errors ?? {}).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
  }
}

export type TokenSource = () => Promise<string | null>;

/** A query string from the defined values only. */
export function query(parameters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== "") {
      search.set(key, String(value));
    }
  }

  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Calls the API with the signed-in user's token; a non-2xx answer becomes a ProblemError. */
export class ApiClient {
  constructor(
    private readonly token: TokenSource,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async get<T>(path: string): Promise<T> {
    return (await (await this.send("GET", path)).json()) as T;
  }

  async text(path: string, accept = "text/plain"): Promise<string> {
    return await (await this.send("GET", path, undefined, accept)).text();
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    return (await (await this.send("POST", path, body)).json()) as T;
  }

  private async send(method: string, path: string, body?: unknown, accept = "application/json"): Promise<Response> {
    const token = await this.token();
    const headers: Record<string, string> = { Accept: accept };
    if (token) {
      headers["Authorization"] = `Bearer ${token}`;
    }

    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }

    const response = await this.fetcher(path, init);
    if (!response.ok) {
      throw await problemOf(response);
    }

    return response;
  }

  agents(): Promise<AgentStatus[]> {
    return this.get<AgentStatus[]>("/api/agents/status");
  }

  agentConfig(id: string): Promise<AgentConfig> {
    return this.get<AgentConfig>(`/api/agents/${encodeURIComponent(id)}/config`);
  }

  agentConfigHistory(id: string): Promise<AgentConfigVersion[]> {
    return this.get<AgentConfigVersion[]>(`/api/agents/${encodeURIComponent(id)}/config/history`);
  }

  saveAgentConfig(config: AgentConfig): Promise<AgentConfig> {
    return this.post<AgentConfig>("/api/agents/config", config);
  }

  openIncidents(): Promise<IncidentPage> {
    return this.get<IncidentPage>("/api/incidents?status=open&limit=200");
  }

  incidents(filter: IncidentFilter = {}): Promise<IncidentPage> {
    return this.get<IncidentPage>(`/api/incidents${query({ ...filter })}`);
  }

  incident(id: string): Promise<Incident> {
    return this.get<Incident>(`/api/incidents/${encodeURIComponent(id)}`);
  }

  incidentTimeline(id: string): Promise<TimelineEntry[]> {
    return this.get<TimelineEntry[]>(`/api/incidents/${encodeURIComponent(id)}/timeline`);
  }

  postmortem(id: string): Promise<string> {
    return this.text(`/api/incidents/${encodeURIComponent(id)}/postmortem`, "text/markdown, text/plain");
  }

  acknowledge(id: string): Promise<Incident> {
    return this.post<Incident>(`/api/incidents/${encodeURIComponent(id)}/acknowledge`);
  }

  resolve(id: string, steps: string[]): Promise<Incident> {
    return this.post<Incident>(`/api/incidents/${encodeURIComponent(id)}/resolve`, { steps, automated: false });
  }

  addNote(id: string, text: string): Promise<Incident> {
    return this.post<Incident>(`/api/incidents/${encodeURIComponent(id)}/notes`, { text });
  }

  noiseReduction(): Promise<NoiseReduction> {
    return this.get<NoiseReduction>("/api/incidents/noise-reduction");
  }

  approvalInbox(): Promise<ApprovalInboxItem[]> {
    return this.get<ApprovalInboxItem[]>("/api/approvals/inbox");
  }

  approvalInboxItem(actionId: string): Promise<ApprovalInboxItem> {
    return this.get<ApprovalInboxItem>(`/api/approvals/inbox/${encodeURIComponent(actionId)}`);
  }

  approve(actionId: string, comment: string): Promise<Approval> {
    return this.post<Approval>(`/api/actions/${encodeURIComponent(actionId)}/approve`, { comment });
  }

  reject(actionId: string, comment: string): Promise<Approval> {
    return this.post<Approval>(`/api/actions/${encodeURIComponent(actionId)}/reject`, { comment });
  }

  actionsFor(resource: string): Promise<Page<AgentAction>> {
    return this.get<Page<AgentAction>>(`/api/actions${query({ resource, limit: 50 })}`);
  }

  topology(filter: { provider?: string; team?: string; environment?: string; limit?: number; offset?: number } = {}): Promise<ResourceTopology> {
    return this.get<ResourceTopology>(`/api/topology${query({ ...filter })}`);
  }

  costReport(filter: { provider?: string; team?: string; environment?: string; top?: number } = {}): Promise<CostReport> {
    return this.get<CostReport>(`/api/cost-optimization/reports${query({ ...filter })}`);
  }

  costTrend(by: CostDimension, from?: string, to?: string): Promise<CostTrend> {
    return this.get<CostTrend>(`/api/cost-optimization/trend${query({ by, from, to })}`);
  }

  costRecommendations(): Promise<CostRecommendationReport> {
    return this.get<CostRecommendationReport>("/api/cost-optimization/recommendations");
  }

  actionsOf(agentId: string, limit = 50): Promise<Page<AgentAction>> {
    return this.get<Page<AgentAction>>(`/api/actions${query({ agentId, limit })}`);
  }

  audit(filter: AuditFilter = {}): Promise<Page<AuditEntry>> {
    return this.get<Page<AuditEntry>>(`/api/audit${query({ ...filter })}`);
  }

  verifyAudit(): Promise<AuditVerification> {
    return this.get<AuditVerification>("/api/audit/verify");
  }

  /** The compliance report as a file (csv or json), fetched with the user's token. */
  async auditExport(format: "csv" | "json", from?: string, to?: string): Promise<Blob> {
    return await (await this.send("GET", `/api/audit/export${query({ format, from, to })}`, undefined, "*/*")).blob();
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

/** What to show for a failure: the server's problem (title, detail, field errors) or the error's message. */
export function describeError(error: unknown): string {
  if (error instanceof ProblemError) {
    const fields = error.fieldMessages();
    return fields.length > 0 ? `${error.message} (${fields.join("; ")})` : error.message;
  }

  return error instanceof Error ? error.message : String(error);
}
