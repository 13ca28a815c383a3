import { Alert, Card, CardContent, Chip, Stack, Typography, type ChipProps } from "@mui/material";
import type { ReactNode } from "react";
import type { ActionStatus, IncidentStatus, ResourceHealth, RiskLevel, Severity } from "../api";

const severityColors: Record<Severity, ChipProps["color"]> = { critical: "error", high: "warning", medium: "info", low: "default" };

export function SeverityChip({ severity }: { severity: Severity | RiskLevel }) {
  return <Chip size="small" color={severityColors[severity]} label={severity} />;
}

const statusColors: Record<IncidentStatus, ChipProps["color"]> = { open: "error", investigating: "warning", resolved: "success", closed: "default" };

export function IncidentStatusChip({ status }: { status: IncidentStatus }) {
  return <Chip size="small" variant="outlined" color={statusColors[status]} label={status} />;
}

const actionColors: Record<ActionStatus, ChipProps["color"]> = {
  pending: "warning",
  approved: "info",
  executing: "info",
  completed: "success",
  failed: "error",
  rejected: "default",
  expired: "default",
  cancelled: "default",
};

export function ActionStatusChip({ status }: { status: ActionStatus }) {
  return <Chip size="small" variant="outlined" color={actionColors[status]} label={status} />;
}

/** Health colours, shared by chips and the topology canvas. */
export const healthColors: Record<ResourceHealth, string> = {
  healthy: "#2e7d32",
  degraded: "#ed6c02",
  unhealthy: "#d32f2f",
  unknown: "#9e9e9e",
};

export function HealthChip({ health }: { health: ResourceHealth }) {
  return <Chip size="small" label={health} sx={{ bgcolor: healthColors[health], color: "#fff" }} />;
}

export function Section({ title, action, children, label }: { title: string; action?: ReactNode; children: ReactNode; label?: string }) {
  return (
    <Card component="section" aria-label={label ?? title}>
      <CardContent>
        <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between", mb: 1 }}>
          <Typography variant="h6" component="h2">{title}</Typography>
          {action}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
}

export function ErrorAlert({ error }: { error: string | undefined }) {
  return error ? <Alert severity="error" role="alert" data-testid="problem">{error}</Alert> : null;
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

/** "3 min ago", "in 2 h": coarse, for lists. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 5) {
    return "just now";
  }

  const [value, unit] = abs < 60 ? [abs, "s"] : abs < 3600 ? [Math.round(abs / 60), "min"] : abs < 86400 ? [Math.round(abs / 3600), "h"] : [Math.round(abs / 86400), "d"];
  return seconds < 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

export function money(value: number): string {
  return value.toLocaleString(undefined, { style: "currency", currency: "USD", maximumFractionDigits: value >= 100 ? 0 : 2 });
}
