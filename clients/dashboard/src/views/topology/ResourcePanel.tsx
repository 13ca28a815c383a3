import { useEffect, useState } from "react";
import { Box, Chip, Divider, IconButton, LinearProgress, Link, List, ListItem, ListItemText, Stack, Table, TableBody, TableCell, TableRow, Typography } from "@mui/material";
import { LineChart } from "@mui/x-charts/LineChart";
import { describeError, query, summaryOf, type Incident, type IncidentPage, type IncidentSummary, type ResourceHealth } from "../../api";
import { ErrorAlert, HealthChip, IncidentStatusChip, SeverityChip, money } from "../../components/common";
import { useConsole } from "../../console";
import { useLive } from "../../live";
import { useLinkProps } from "../../router";

interface ManagedResource {
  id: string;
  provider: string;
  kind: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  desiredState: Record<string, string>;
  observedState: Record<string, string>;
  dependencies: string[];
  costPerHour: number;
  health: ResourceHealth;
  observedAt: string | null;
  source: string | null;
  stale: boolean;
}

interface MetricSeries {
  metric: string;
  points: { timestamp: string; value: number }[];
}

const charts = [
  { metric: "aiops_cpu_utilization_ratio", label: "CPU" },
  { metric: "aiops_memory_utilization_ratio", label: "Memory" },
] as const;

/** A selected resource: what it is, desired against observed state, its last hour of CPU and memory, and its incidents. */
export function ResourcePanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { api, live } = useConsole();
  const [resource, setResource] = useState<ManagedResource | null>(null);
  const [series, setSeries] = useState<Record<string, MetricSeries | null>>({});
  const [incidents, setIncidents] = useState<IncidentPage | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);

  // Incidents come and go while the panel is open: the feed says when one touches this resource.
  useLive(live, ["incidents"], {
    IncidentChanged: (incident: Incident) => {
      if (incident.affectedResources.includes(id)) {
        setIncidents((page) => ({ ...(page ?? { total: 0, offset: 0, limit: 20 }), items: withRelated(page?.items ?? [], summaryOf(incident)) }));
      }
    },
  }, () => Promise.resolve(), id);

  useEffect(() => {
    let current = true;
    const isCurrent = () => current;
    const to = new Date();
    const from = new Date(to.getTime() - 60 * 60 * 1000);
    void api.get<ManagedResource>(`/api/resources/${resourcePath(id)}`).then(
      (r) => isCurrent() && setResource(r),
      (e: unknown) => isCurrent() && setError(describeError(e)),
    );
    for (const { metric } of charts) {
      void api
        .get<MetricSeries[]>(`/api/metrics/query_range${query({ metric, resource: id, from: from.toISOString(), to: to.toISOString(), step: "30s" })}`)
        .then(
          (found) => isCurrent() && setSeries((s) => ({ ...s, [metric]: found[0] ?? null })),
          () => isCurrent() && setSeries((s) => ({ ...s, [metric]: null })),
        );
    }

    void api.get<IncidentPage>(`/api/incidents${query({ resource: id, limit: 20 })}`).then(
      (page) => isCurrent() && setIncidents((pushed) => ({ ...page, items: (pushed?.items ?? []).reduce(withRelated, page.items) })),
      (e: unknown) => isCurrent() && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [api, id]);

  return (
    <Box data-testid="resource-panel" sx={{ p: 2, height: "100%", overflowY: "auto" }}>
      <Stack direction="row" sx={{ alignItems: "flex-start", justifyContent: "space-between" }}>
        <Typography variant="h6" component="h2" sx={{ wordBreak: "break-all" }}>{resource?.name ?? id}</Typography>
        <IconButton aria-label="close details" onClick={onClose}>×</IconButton>
      </Stack>
      <ErrorAlert error={error} />
      {resource === null ? <LinearProgress aria-label="loading the resource" /> : (
        <>
          <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1, my: 1 }}>
            <HealthChip health={resource.health} />
            <Chip size="small" label={`${resource.provider} ${resource.kind}`} />
            <Chip size="small" label={resource.location} />
            <Chip size="small" label={`${money(resource.costPerHour)}/h`} />
            {resource.stale ? <Chip size="small" color="warning" label="stale" /> : null}
          </Stack>
          <Typography variant="caption" color="text.secondary" sx={{ wordBreak: "break-all" }}>{resource.id}{resource.source ? ` · from ${resource.source}` : ""}</Typography>
          <Table size="small" aria-label="state">
            <TableBody>
              {Object.keys({ ...resource.desiredState, ...resource.observedState }).sort().map((k) => {
                const desired = resource.desiredState[k];
                const observed = resource.observedState[k];
                return (
                  <TableRow key={k}>
                    <TableCell sx={{ fontWeight: 500 }}>{k}</TableCell>
                    <TableCell sx={{ color: desired !== undefined && desired !== observed ? "error.main" : undefined }}>
                      {observed ?? "—"}{desired !== undefined && desired !== observed ? ` (desired ${desired})` : ""}
                    </TableCell>
                  </TableRow>
                );
              })}
              {Object.entries(resource.tags).map(([k, v]) => (
                <TableRow key={`tag:${k}`}><TableCell>tag {k}</TableCell><TableCell>{v}</TableCell></TableRow>
              ))}
            </TableBody>
          </Table>
          {resource.dependencies.length > 0 ? (
            <Typography variant="body2" sx={{ mt: 1, wordBreak: "break-all" }}>Depends on: {resource.dependencies.join(", ")}</Typography>
          ) : null}
        </>
      )}
      <Divider sx={{ my: 2 }} />
      <Typography variant="subtitle2">Last hour</Typography>
      {charts.map(({ metric, label }) => <MetricChart key={metric} label={label} series={series[metric]} />)}
      <Divider sx={{ my: 2 }} />
      <Typography variant="subtitle2">Incidents</Typography>
      {incidents === null ? <LinearProgress aria-label="loading incidents" /> : incidents.items.length === 0 ? (
        <Typography variant="body2" color="text.secondary">None affect it.</Typography>
      ) : (
        <List dense data-testid="related-incidents">
          {incidents.items.map((i) => <RelatedIncident key={i.id} id={i.id} title={i.title} severity={i.severity} status={i.status} />)}
        </List>
      )}
    </Box>
  );
}

/** A resource id in a path: its own slashes stay (the route takes the rest of the path), everything else is escaped. */
export function resourcePath(id: string): string {
  return id.split("/").map(encodeURIComponent).join("/");
}

/** The related incidents after one changed: replaced by id unless what is shown is newer; newest detected first. */
export function withRelated(items: readonly IncidentSummary[], update: IncidentSummary): IncidentSummary[] {
  const shown = items.find((i) => i.id === update.id);
  if (shown && shown.updatedAt > update.updatedAt) {
    return [...items];
  }

  return [...items.filter((i) => i.id !== update.id), update].sort((a, b) => b.detectedAt.localeCompare(a.detectedAt));
}

function MetricChart({ label, series }: { label: string; series: MetricSeries | null | undefined }) {
  if (series === undefined) {
    return <LinearProgress aria-label={`loading ${label}`} sx={{ my: 1 }} />;
  }

  if (series === null || series.points.length === 0) {
    return <Typography variant="body2" color="text.secondary">{label}: no samples</Typography>;
  }

  return (
    <Box data-testid={`chart-${label.toLowerCase()}`}>
      <LineChart
        height={140}
        skipAnimation
        margin={{ left: 0, right: 8, top: 8, bottom: 0 }}
        xAxis={[{ data: series.points.map((p) => new Date(p.timestamp)), scaleType: "time", valueFormatter: (d: Date) => d.toLocaleTimeString() }]}
        yAxis={[{ min: 0, max: 1, valueFormatter: (v: number) => `${Math.round(v * 100)}%`, width: 48 }]}
        series={[{ data: series.points.map((p) => p.value), label, showMark: false }]}
      />
    </Box>
  );
}

function RelatedIncident({ id, title, severity, status }: { id: string; title: string; severity: Parameters<typeof SeverityChip>[0]["severity"]; status: Parameters<typeof IncidentStatusChip>[0]["status"] }) {
  const link = useLinkProps(`/incidents/${encodeURIComponent(id)}`);
  return (
    <ListItem disableGutters>
      <ListItemText primary={<Stack direction="row" spacing={1} sx={{ alignItems: "center" }}><SeverityChip severity={severity} /><IncidentStatusChip status={status} /><Link {...link}>{title}</Link></Stack>} />
    </ListItem>
  );
}
