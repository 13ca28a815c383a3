import type { AgentAction, AgentConfig, Approval, ApprovalInboxItem, Incident, IncidentSummary, TimelineEntry } from "../api";

export const incidentSummary = (id: string, over: Partial<IncidentSummary> = {}): IncidentSummary => ({
  id,
  title: `incident ${id}`,
  severity: "high",
  status: "open",
  affectedResourceCount: 1,
  detectedAt: "2026-11-27T08:00:00Z",
  updatedAt: "2026-11-27T08:00:00Z",
  team: "platform",
  ...over,
});

export const incident = (id: string, over: Partial<Incident> = {}): Incident => ({
  id,
  title: `incident ${id}`,
  description: "Node is not Ready.",
  severity: "high",
  status: "open",
  affectedResources: ["k8s:prod:node/n1"],
  detectedAt: "2026-11-27T08:00:00Z",
  resolvedAt: null,
  updatedAt: "2026-11-27T08:00:00Z",
  team: "platform",
  alerts: [],
  classification: { type: "node-failure", confidence: 0.97, method: "catalog+model", alternatives: [{ type: "memory-leak", score: 0.05 }], explanation: "KubeNodeNotReady fired", modelVersion: "incident-type@1" },
  rootCauses: [{ resourceId: "k8s:prod:node/n1", kind: "node", score: 0.78, evidence: ["connected to all 7 alerting resources"] }],
  severityReasons: ["source severity critical: 60 points"],
  ...over,
});

export const entry = (version: number, summary: string): TimelineEntry => ({ version, type: "noted", actor: "operator", summary, at: "2026-11-27T08:00:00Z" });

export const action = (id: string, over: Partial<AgentAction> = {}): AgentAction => ({
  id,
  agentId: "kubernetes",
  type: "drain-node",
  description: `drain ${id}`,
  targetResources: ["k8s:prod:node/n1"],
  riskLevel: "high",
  estimatedImpact: "pods move",
  status: "pending",
  createdAt: "2026-11-27T08:00:00Z",
  executedAt: null,
  result: null,
  idempotencyKey: id,
  version: 1,
  updatedAt: "2026-11-27T08:00:00Z",
  rationale: ["memory pressure"],
  parameters: {},
  ...over,
});

export const approval = (actionId: string, over: Partial<Approval> = {}): Approval => ({
  actionId,
  requestedBy: "operator",
  reasons: ["production allows at most low risk without approval; this action is high"],
  status: "pending",
  requestedAt: "2026-11-27T08:00:00Z",
  expiresAt: "2026-11-27T09:00:00Z",
  escalationLevel: 0,
  escalatedAt: null,
  decidedBy: null,
  comment: null,
  decidedAt: null,
  ...over,
});

export const inboxItem = (id: string, over: Partial<ApprovalInboxItem> = {}): ApprovalInboxItem => ({
  approval: approval(id),
  action: action(id),
  blastRadius: 25,
  blastRadiusCapped: false,
  predictedSuccess: 0.9,
  canDecide: true,
  cannotDecideReason: null,
  ...over,
});

export const agentConfig = (over: Partial<AgentConfig> = {}): AgentConfig => ({
  id: "kubernetes",
  name: "Kubernetes",
  type: "kubernetes",
  enabled: true,
  automationLevel: "manual",
  thresholds: { "cpu.target": 0.7 },
  approvalRequired: true,
  integrations: [],
  createdAt: "2026-11-27T08:00:00Z",
  updatedAt: "2026-11-27T08:00:00Z",
  ...over,
});
