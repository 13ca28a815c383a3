import { useState } from "react";
import { describeError, summaryOf, type AgentStatus, type Approval, type CostTrend, type Incident, type IncidentSummary, type NoiseReduction } from "../api";
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
  const [error, setError] = useState<string | undefined>(undefined);

  useLive(
    live,
    ["agents", "incidents", "approvals"],
    {
      AgentStatusChanged: (status: AgentStatus) => setAgents((a) => withAgent(a, status)),
      IncidentChanged: (incident: Incident) => {
        setIncidents((i) => withIncident(i, summaryOf(incident)));
        // Correlation changed the counts: read them again (one read per incident change, not a poll).
        void api.noiseReduction().then(setNoise, () => undefined);
      },
      ApprovalChanged: (approval: Approval) => setApprovals((a) => withApproval(a, approval)),
    },
    async (isCurrent) => {
      try {
        const [loadedAgents, page, inbox, reduction] = await Promise.all([api.agents(), api.openIncidents(), api.approvalInbox(), api.noiseReduction()]);
        // The spend trend comes after: the overview is usable without it.
        void api.costTrend("total").then((t) => isCurrent() && setSpend(t), () => undefined);
        if (isCurrent()) {
          setAgents((a) => loadedAgents.reduce(withAgent, a));
          setIncidents((i) => page.items.reduce(withIncident, i));
          setApprovals((a) => inbox.map((item) => item.approval).reduce(withApproval, a));
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
