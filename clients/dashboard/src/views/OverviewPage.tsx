import { useEffect, useMemo, useState } from "react";
import { describeError, summaryOf, type AgentStatus, type Approval, type CostTrend, type Incident, type IncidentSummary, type NoiseReduction } from "../api";
import { coalesce } from "../coalesce";
import { useConsole, useReadyMark } from "../console";
import { useLive } from "../live";
import { Overview } from "./Overview";
import { withAgent, withApproval, withIncident } from "./overview";

/** Loads the overview once, then keeps it current from the live feed (agents, incidents, approvals): no polling. */
export function OverviewPage() {
  const { api, live } = useConsole();
  const [agents, setAgents] = useState<AgentStatus[]>([]);
  const [incidents, setIncidents] = useState<IncidentSummary[]>([]);
  const [approvals, setApprovals] = useState<Approval[]>([]);
  const [noise, setNoise] = useState<NoiseReduction | null>(null);
  const [spend, setSpend] = useState<CostTrend | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [pushedAt] = useState(() => new Map<string, string>());
  const [decided] = useState(() => new Set<string>());
  const [error, setError] = useState<string | undefined>(undefined);

  // Correlation changes the counts with every incident change: read them again at most every 2 s.
  const noiseRead = useMemo(() => coalesce(() => void api.noiseReduction().then(setNoise, () => undefined), 2000), [api]);
  useEffect(() => () => noiseRead.cancel(), [noiseRead]);

  useLive(
    live,
    ["agents", "incidents", "approvals"],
    {
      AgentStatusChanged: (status: AgentStatus) => setAgents((a) => withAgent(a, status)),
      IncidentChanged: (incident: Incident) => {
        pushedAt.set(incident.id, incident.updatedAt);
        setIncidents((i) => withIncident(i, summaryOf(incident)));
        noiseRead.trigger();
      },
      ApprovalChanged: (approval: Approval) => {
        if (approval.status !== "pending") {
          decided.add(approval.actionId);
        }

        setApprovals((a) => withApproval(a, approval));
      },
    },
    async (isCurrent) => {
      try {
        const [loadedAgents, page, inbox, reduction] = await Promise.all([api.agents(), api.openIncidents(), api.approvalInbox(), api.noiseReduction()]);
        // The spend trend comes after: the overview is usable without it.
        void api.costTrend("total").then((t) => isCurrent() && setSpend(t), () => undefined);
        if (isCurrent()) {
          setAgents((a) => loadedAgents.reduce(withAgent, a));
          // A read that started before a push is older than it: rows the push changed or removed keep the push's say.
          setIncidents((i) => page.items.filter((row) => !((pushedAt.get(row.id) ?? "") >= row.updatedAt)).reduce(withIncident, i));
          setApprovals((a) => inbox.map((item) => item.approval).filter((x) => !decided.has(x.actionId)).reduce(withApproval, a));
          setNoise(reduction);
          setLoaded(true);
        }
      } catch (e) {
        if (isCurrent()) {
          setError(describeError(e));
        }
      }
    },
  );
  useReadyMark("overview", loaded);

  return <Overview agents={agents} incidents={incidents} approvals={approvals} noise={noise} spend={spend} error={error} loaded={loaded} />;
}
