import { Alert, Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import type { AgentStatus, IncidentSummary } from "../api";
import { countBySeverity, severities } from "./overview";

const severityColor = { critical: "error", high: "warning", medium: "info", low: "default" } as const;

export interface OverviewProps {
  agents: readonly AgentStatus[];
  incidents: readonly IncidentSummary[];
  error?: string | undefined;
}

/** Agents with status, health and automation level; open incidents by severity. */
export function Overview({ agents, incidents, error }: OverviewProps) {
  const counts = countBySeverity(incidents);
  return (
    <Stack spacing={3}>
      {error ? <Alert severity="error">{error}</Alert> : null}
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2">Open incidents</Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 1 }} aria-label="open incidents by severity">
            {severities.map((s) => (
              <Chip key={s} color={severityColor[s]} label={`${s}: ${counts[s]}`} data-testid={`severity-${s}`} />
            ))}
          </Stack>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2">Agents</Typography>
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
        </CardContent>
      </Card>
    </Stack>
  );
}
