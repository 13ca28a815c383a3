import { useEffect, useState } from "react";
import { summaryOf, type AgentStatus, type ApiClient, type Incident, type IncidentSummary } from "../api";
import type { HubConnection } from "@microsoft/signalr";
import { Overview } from "./Overview";
import { withAgent, withIncident } from "./overview";

export interface OverviewPageProps {
  api: ApiClient;
  live: HubConnection;
}

/** Loads the overview once, then keeps it current from the live feed's agents and incidents groups: no polling. */
export function OverviewPage({ api, live }: OverviewPageProps) {
  const [agents, setAgents] = useState<AgentStatus[]>([]);
  const [incidents, setIncidents] = useState<IncidentSummary[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let current = true;
    const onAgent = (status: AgentStatus) => setAgents((a) => withAgent(a, status));
    const onIncident = (incident: Incident) => setIncidents((i) => withIncident(i, summaryOf(incident)));
    live.on("AgentStatusChanged", onAgent);
    live.on("IncidentChanged", onIncident);
    const subscribe = async () => {
      await live.invoke("Subscribe", "agents");
      await live.invoke("Subscribe", "incidents");
    };
    live.onreconnected(() => void subscribe());
    void (async () => {
      try {
        // Subscribe first, then read: an update racing the read is applied on top of it, not lost.
        await subscribe();
        const [loadedAgents, page] = await Promise.all([api.agents(), api.openIncidents()]);
        if (current) {
          setAgents((a) => loadedAgents.reduce(withAgent, a));
          setIncidents((i) => page.items.reduce(withIncident, i));
        }
      } catch (e) {
        if (current) {
          setError(e instanceof Error ? e.message : String(e));
        }
      }
    })();
    return () => {
      current = false;
      live.off("AgentStatusChanged", onAgent);
      live.off("IncidentChanged", onIncident);
    };
  }, [api, live]);

  return <Overview agents={agents} incidents={incidents} error={error} />;
}
