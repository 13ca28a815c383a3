import { Box, Chip, Grid, Link, List, ListItem, ListItemText, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import type { AgentStatus, Approval, CostTrend, IncidentSummary, NoiseReduction } from "../api";
import { ErrorAlert, Section, SeverityChip, money, relativeTime } from "../components/common";
import { Sparkline } from "../components/Sparkline";
import { useLinkProps } from "../router";
import { countBySeverity, severities } from "./overview";

const severityColor = { critical: "error", high: "warning", medium: "info", low: "default" } as const;

export interface OverviewProps {
  agents: readonly AgentStatus[];
  incidents: readonly IncidentSummary[];
  approvals?: readonly Approval[];
  noise?: NoiseReduction | null;
  spend?: CostTrend | null;
  error?: string | undefined;
  loaded?: boolean;
}

/** Agents with status, health and automation level; open incidents by severity; pending approvals; noise reduction. */
export function Overview({ agents, incidents, approvals = [], noise = null, spend = null, error, loaded = true }: OverviewProps) {
  const counts = countBySeverity(incidents);
  const spendPoints = spend?.series.find((s) => s.key === "all")?.points ?? [];
  const latest = spendPoints[spendPoints.length - 1];
  const first = spendPoints[0];
  return (
    <Stack spacing={3} data-testid="overview" data-loaded={loaded}>
      <ErrorAlert error={error} />
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, md: 3 }}>
          <Section title="Open incidents">
            <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1 }} aria-label="open incidents by severity">
              {severities.map((s) => (
                <Chip key={s} color={severityColor[s]} label={`${s}: ${counts[s]}`} data-testid={`severity-${s}`} />
              ))}
            </Stack>
            <List dense aria-label="latest open incidents">
              {incidents.slice(0, 5).map((i) => <IncidentLine key={i.id} incident={i} />)}
            </List>
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 3 }}>
          <Section title="Pending approvals">
            <Typography variant="h3" component="p" data-testid="pending-approvals">{approvals.length}</Typography>
            <List dense aria-label="oldest pending approvals">
              {approvals.slice(0, 5).map((a) => (
                <ListItem key={a.actionId} disableGutters>
                  <ListItemText primary={a.actionId} secondary={`requested by ${a.requestedBy} ${relativeTime(a.requestedAt)}; expires ${relativeTime(a.expiresAt)}`} />
                </ListItem>
              ))}
            </List>
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 3 }}>
          <Section title="Spend">
            {latest === undefined || first === undefined ? (
              <Typography color="text.secondary">No cost snapshot yet.</Typography>
            ) : (
              <Box data-testid="spend">
                <Typography variant="h3" component="p">{money(latest.perHour * 720)}</Typography>
                <Typography color="text.secondary">
                  per month at the current run-rate; {latest.perHour >= first.perHour ? "+" : "−"}{money(Math.abs(latest.perHour - first.perHour) * 720)} over 24 h
                </Typography>
                <Sparkline values={spendPoints.map((p) => p.perHour)} label="spend over the last 24 hours" />
              </Box>
            )}
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 3 }}>
          <Section title="Noise reduction">
            {noise === null ? (
              <Typography color="text.secondary">Not read yet.</Typography>
            ) : (
              <Box data-testid="noise-reduction">
                <Typography variant="h3" component="p">{(noise.reduction * 100).toFixed(1)}%</Typography>
                <Typography color="text.secondary">
                  {noise.notifications.toLocaleString()} notifications → {noise.uniqueAlerts.toLocaleString()} alerts → {noise.incidents.toLocaleString()} incidents
                </Typography>
              </Box>
            )}
          </Section>
        </Grid>
      </Grid>
      <Section title="Agents">
        <Table size="small" aria-label="agents">
          <TableHead>
            <TableRow>
              <TableCell>Agent</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Health</TableCell>
              <TableCell>Automation</TableCell>
              <TableCell align="right">Events</TableCell>
              <TableCell>Last event</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {agents.map((a) => (
              <TableRow key={a.id} data-testid={`agent-${a.id}`}>
                <TableCell>{a.name}</TableCell>
                <TableCell>{a.enabled ? a.lifecycle : "disabled"}</TableCell>
                <TableCell>
                  {a.health === null || a.health.lastCheckedAt === null ? (
                    <Chip size="small" label="not checked" />
                  ) : a.health.healthy ? (
                    <Chip size="small" color="success" label="healthy" />
                  ) : (
                    <Chip size="small" color="error" label={`unhealthy: ${a.health.failures.join("; ")}`} />
                  )}
                </TableCell>
                <TableCell>{a.automationLevel}</TableCell>
                <TableCell align="right">{a.eventsProcessed}</TableCell>
                <TableCell>{a.lastEventAt ? new Date(a.lastEventAt).toLocaleString() : "never"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {agents.length === 0 ? <Box sx={{ mt: 1 }}>No agents yet.</Box> : null}
      </Section>
    </Stack>
  );
}

function IncidentLine({ incident }: { incident: IncidentSummary }) {
  const link = useLinkProps(`/incidents/${encodeURIComponent(incident.id)}`);
  return (
    <ListItem disableGutters>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", minWidth: 0 }}>
        <SeverityChip severity={incident.severity} />
        <Link {...link} noWrap>{incident.title}</Link>
      </Stack>
    </ListItem>
  );
}
