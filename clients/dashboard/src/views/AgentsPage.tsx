import { useEffect, useState } from "react";
import {
  Alert, Box, Button, FormControl, FormControlLabel, FormHelperText, Grid, IconButton, InputLabel, LinearProgress, List, ListItemButton, ListItemText,
  MenuItem, Select, Stack, Switch, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography,
} from "@mui/material";
import { automationLevels, describeError, ProblemError, type AgentConfig, type AgentConfigVersion, type AgentStatus, type AutomationLevel } from "../api";
import { ErrorAlert, Section, formatTime } from "../components/common";
import { useConsole, useReadyMark } from "../console";
import { useLive } from "../live";
import { useLinkProps, useRouter } from "../router";
import { withAgent } from "./overview";

/** The agents; the selected one's configuration (editable by admins, validated by the server) and its change history. */
export function AgentsPage({ selected }: { selected: string | undefined }) {
  const { api, live } = useConsole();
  const { navigate } = useRouter();
  const [agents, setAgents] = useState<AgentStatus[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);

  useLive(
    live,
    ["agents"],
    { AgentStatusChanged: (status: AgentStatus) => setAgents((a) => withAgent(a, status)) },
    async (isCurrent) => {
      try {
        const loaded = await api.agents();
        if (isCurrent()) {
          setAgents((a) => loaded.reduce(withAgent, a));
        }
      } catch (e) {
        if (isCurrent()) {
          setError(describeError(e));
        }
      }
    },
  );

  useEffect(() => {
    const first = agents[0];
    if (selected === undefined && first) {
      navigate(`/agents/${encodeURIComponent(first.id)}`, { replace: true });
    }
  }, [selected, agents, navigate]);

  return (
    <Grid container spacing={3}>
      <Grid size={{ xs: 12, md: 3 }}>
        <Section title="Agents" label="agent list">
          <ErrorAlert error={error} />
          <List dense>
            {agents.map((a) => <AgentLink key={a.id} agent={a} selected={a.id === selected} />)}
          </List>
        </Section>
      </Grid>
      <Grid size={{ xs: 12, md: 9 }}>
        {selected ? <AgentConfigPanel key={selected} id={selected} status={agents.find((a) => a.id === selected)} /> : null}
      </Grid>
    </Grid>
  );
}

function AgentLink({ agent, selected }: { agent: AgentStatus; selected: boolean }) {
  const link = useLinkProps(`/agents/${encodeURIComponent(agent.id)}`);
  return (
    <ListItemButton component="a" {...link} selected={selected}>
      <ListItemText primary={agent.name} secondary={`${agent.enabled ? agent.lifecycle : "disabled"} · ${agent.automationLevel}`} />
    </ListItemButton>
  );
}

/** A config being edited: thresholds as text so a half-typed number is not lost; the server checks the values. */
interface Draft {
  enabled: boolean;
  automationLevel: AutomationLevel;
  approvalRequired: boolean;
  thresholds: { key: string; value: string }[];
  integrations: string;
}

function draftOf(config: AgentConfig): Draft {
  return {
    enabled: config.enabled,
    automationLevel: config.automationLevel,
    approvalRequired: config.approvalRequired,
    thresholds: Object.entries(config.thresholds).map(([key, value]) => ({ key, value: String(value) })),
    integrations: config.integrations.join(", "),
  };
}

/** The config to send; a threshold that is not a number is kept as text for the server to name (never dropped). */
export function configOf(config: AgentConfig, draft: Draft): AgentConfig {
  const thresholds: Record<string, number> = {};
  for (const { key, value } of draft.thresholds) {
    if (key.trim()) {
      const number = value.trim() === "" ? Number.NaN : Number(value);
      thresholds[key.trim()] = Number.isFinite(number) ? number : (value as unknown as number);
    }
  }

  return {
    ...config,
    enabled: draft.enabled,
    automationLevel: draft.automationLevel,
    approvalRequired: draft.approvalRequired,
    thresholds,
    integrations: draft.integrations.split(",").map((s) => s.trim()).filter(Boolean),
  };
}

function AgentConfigPanel({ id, status }: { id: string; status: AgentStatus | undefined }) {
  const { api, permissions } = useConsole();
  const [config, setConfig] = useState<AgentConfig | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [history, setHistory] = useState<AgentConfigVersion[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void Promise.all([api.agentConfig(id), api.agentConfigHistory(id)]).then(
      ([loaded, versions]) => {
        if (current) {
          setConfig(loaded);
          setDraft(draftOf(loaded));
          setHistory(versions);
        }
      },
      (e: unknown) => current && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [api, id]);
  useReadyMark("agents", config !== null);

  if (config === null || draft === null) {
    return error ? <ErrorAlert error={error} /> : <LinearProgress aria-label="loading the agent's configuration" />;
  }

  const editable = permissions.admin;
  const change = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };
  const save = async () => {
    setBusy(true);
    setError(undefined);
    setFieldErrors({});
    try {
      const stored = await api.saveAgentConfig(configOf(config, draft));
      setConfig(stored);
      setDraft(draftOf(stored));
      setHistory(await api.agentConfigHistory(id));
      setSaved(true);
    } catch (e) {
      setError(describeError(e));
      if (e instanceof ProblemError && e.errors) {
        setFieldErrors(e.errors);
      }
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (prefix: string) =>
    Object.entries(fieldErrors).filter(([f]) => f.toLowerCase().startsWith(prefix.toLowerCase())).flatMap(([f, m]) => m.map((x) => `${f}: ${x}`));

  return (
    <Stack spacing={3} data-testid="agent-config">
      <Section title={`${config.name} configuration`} label="configuration">
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {config.id} · {config.type} · {status ? `${status.enabled ? status.lifecycle : "disabled"}, ${status.eventsProcessed} events` : "status unknown"} · changed {formatTime(config.updatedAt)}
        </Typography>
        {!editable ? <Alert severity="info" sx={{ mb: 2 }}>Read only: changing an agent's configuration needs the admin role.</Alert> : null}
        <Stack spacing={2} component="form" aria-label="agent configuration" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <FormControlLabel control={<Switch checked={draft.enabled} disabled={!editable} onChange={(e) => change({ enabled: e.target.checked })} />} label="Enabled" />
          <FormControl size="small" sx={{ maxWidth: 260 }} error={fieldError("automationLevel").length > 0}>
            <InputLabel id="automation-label">Automation level</InputLabel>
            <Select labelId="automation-label" label="Automation level" value={draft.automationLevel} disabled={!editable}
              onChange={(e) => change({ automationLevel: e.target.value })}>
              {automationLevels.map((l) => <MenuItem key={l} value={l}>{l}</MenuItem>)}
            </Select>
            <FormHelperText>manual: proposes only · semi-auto: acts within policy, asks for risky actions · full-auto: acts within policy</FormHelperText>
          </FormControl>
          <FormControlLabel control={<Switch checked={draft.approvalRequired} disabled={!editable} onChange={(e) => change({ approvalRequired: e.target.checked })} />} label="Every action needs approval" />
          <Box>
            <Typography variant="subtitle2">Thresholds</Typography>
            <Table size="small" aria-label="thresholds">
              <TableBody>
                {draft.thresholds.map((t, i) => (
                  <TableRow key={i}>
                    <TableCell sx={{ width: "55%" }}>
                      <TextField size="small" fullWidth value={t.key} disabled={!editable} slotProps={{ htmlInput: { "aria-label": `threshold ${i + 1} name` } }}
                        onChange={(e) => change({ thresholds: draft.thresholds.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)) })} />
                    </TableCell>
                    <TableCell>
                      <TextField size="small" fullWidth value={t.value} disabled={!editable} slotProps={{ htmlInput: { "aria-label": `${t.key || `threshold ${i + 1}`} value` } }}
                        error={fieldError(`thresholds.${t.key}`).length > 0 || fieldError(`thresholds[${t.key}]`).length > 0}
                        onChange={(e) => change({ thresholds: draft.thresholds.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} />
                    </TableCell>
                    <TableCell sx={{ width: 48 }}>
                      {editable ? (
                        <IconButton aria-label={`remove ${t.key || "threshold"}`} onClick={() => change({ thresholds: draft.thresholds.filter((_, j) => j !== i) })}>×</IconButton>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {editable ? <Button size="small" onClick={() => change({ thresholds: [...draft.thresholds, { key: "", value: "" }] })}>Add threshold</Button> : null}
          </Box>
          <TextField size="small" label="Integrations (comma separated)" value={draft.integrations} disabled={!editable}
            error={fieldError("integrations").length > 0} onChange={(e) => change({ integrations: e.target.value })} />
          <ErrorAlert error={error} />
          {saved ? <Alert severity="success">Saved as version {history[0]?.version ?? "?"}.</Alert> : null}
          {editable ? (
            <Stack direction="row" spacing={1}>
              <Button type="submit" variant="contained" disabled={busy}>Save</Button>
              <Button disabled={busy} onClick={() => { setDraft(draftOf(config)); setFieldErrors({}); setError(undefined); }}>Discard changes</Button>
            </Stack>
          ) : null}
        </Stack>
      </Section>
      <Section title="Change history" label="change history">
        <Table size="small" data-testid="config-history">
          <TableHead>
            <TableRow><TableCell>Version</TableCell><TableCell>When</TableCell><TableCell>Who</TableCell><TableCell>Changes</TableCell></TableRow>
          </TableHead>
          <TableBody>
            {history.map((v) => (
              <TableRow key={v.version} data-testid="config-version">
                <TableCell>{v.version}</TableCell>
                <TableCell>{formatTime(v.changedAt)}</TableCell>
                <TableCell>{v.changedBy}</TableCell>
                <TableCell>{v.changes.length > 0 ? v.changes.join("; ") : "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
    </Stack>
  );
}
