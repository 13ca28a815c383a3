import { useCallback, useEffect, useRef, useState } from "react";
import {
  Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Grid, LinearProgress, List, ListItem, ListItemText, Stack,
  Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography,
} from "@mui/material";
import { describeError, type AgentAction, type Incident, type TimelineEntry } from "../api";
import { ActionStatusChip, ErrorAlert, IncidentStatusChip, Section, SeverityChip, formatTime } from "../components/common";
import { coalesce } from "../coalesce";
import { useConsole, useReadyMark } from "../console";
import { useLive } from "../live";

/** Most affected resources whose actions the page lists (an incident over hundreds of resources lists the first ones). */
const actionResourceLimit = 5;

/**
 * One incident: what is known (classification, root-cause candidates with evidence, alerts), what was done (actions
 * and their outcomes), its timeline growing live, acknowledge/resolve/note for operators, and the postmortem.
 */
export function IncidentDetailPage({ id }: { id: string }) {
  const { api, live, permissions } = useConsole();
  const [incident, setIncident] = useState<Incident | null>(null);
  const incidentRef = useRef<Incident | null>(null);
  useEffect(() => {
    incidentRef.current = incident;
  }, [incident]);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [actions, setActions] = useState<AgentAction[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [resolving, setResolving] = useState(false);
  const [postmortem, setPostmortem] = useState<string | null>(null);

  const readRelated = useCallback(async (current: Incident, isCurrent: () => boolean) => {
    const [entries, related] = await Promise.all([
      api.incidentTimeline(id),
      Promise.all(current.affectedResources.slice(0, actionResourceLimit).map((r) => api.actionsFor(r))),
    ]);
    if (isCurrent()) {
      setTimeline(entries);
      const byId = new Map<string, AgentAction>();
      related.flatMap((p) => p.items).forEach((a) => byId.set(a.id, a));
      setActions([...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
    }
  }, [api, id]);

  // The incident moved on: its timeline has new entries. Read once per change, at most every second in a storm.
  const pushed = useRef<Incident | null>(null);
  const refresh = useRef<ReturnType<typeof coalesce> | null>(null);
  useEffect(() => {
    let mounted = true;
    const c = coalesce(() => {
      if (pushed.current) {
        void readRelated(pushed.current, () => mounted).catch((e: unknown) => {
          if (mounted) {
            setError(describeError(e));
          }
        });
      }
    }, 1000);
    refresh.current = c;
    return () => {
      mounted = false;
      c.cancel();
    };
  }, [readRelated]);

  useLive(
    live,
    [`incident:${id}`, "actions"],
    {
      IncidentChanged: (changed: Incident) => {
        if (changed.id !== id) {
          return;
        }

        setIncident((shown) => (shown && shown.updatedAt > changed.updatedAt ? shown : changed));
        pushed.current = changed;
        refresh.current?.trigger();
      },
      ActionChanged: (action: AgentAction) => setActions((shown) => withAction(shown, action, incidentRef.current)),
    },
    async (isCurrent) => {
      try {
        const loaded = await api.incident(id);
        if (!isCurrent()) {
          return;
        }

        setIncident((shown) => (shown && shown.updatedAt > loaded.updatedAt ? shown : loaded));
        await readRelated(loaded, isCurrent);
      } catch (e) {
        if (isCurrent()) {
          setError(describeError(e));
        }
      }
    },
    id,
  );
  useReadyMark("incident", incident !== null);

  const act = async (change: () => Promise<Incident>) => {
    setBusy(true);
    setError(undefined);
    try {
      const changed = await change();
      setIncident((shown) => (shown && shown.updatedAt > changed.updatedAt ? shown : changed));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  if (incident === null) {
    return error ? <ErrorAlert error={error} /> : <LinearProgress aria-label="loading the incident" />;
  }

  const active = incident.status === "open" || incident.status === "investigating";
  return (
    <Stack spacing={3} data-testid="incident-detail">
      <Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 1 }}>
          <SeverityChip severity={incident.severity} />
          <IncidentStatusChip status={incident.status} />
          {incident.team ? <Chip size="small" label={`team ${incident.team}`} /> : null}
          <Typography variant="body2" color="text.secondary">{incident.id} · detected {formatTime(incident.detectedAt)}</Typography>
        </Stack>
        <Typography variant="h5" component="h1" sx={{ mt: 1 }}>{incident.title}</Typography>
        <Typography color="text.secondary">{incident.description}</Typography>
        {permissions.operate ? (
          <Stack direction="row" spacing={1} sx={{ mt: 2 }} aria-label="incident actions">
            {incident.status === "open" ? (
              <Button variant="contained" disabled={busy} onClick={() => void act(() => api.acknowledge(id))}>Acknowledge</Button>
            ) : null}
            {active ? <Button variant="outlined" color="success" disabled={busy} onClick={() => setResolving(true)}>Resolve</Button> : null}
            <NoteButton disabled={busy} onAdd={(text) => act(() => api.addNote(id, text))} />
          </Stack>
        ) : null}
        <Box sx={{ mt: 1 }}><ErrorAlert error={error} /></Box>
      </Box>
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Classification incident={incident} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <RootCauses incident={incident} />
        </Grid>
      </Grid>
      <Section title="Alerts" label="alerts">
        <Table size="small">
          <TableHead>
            <TableRow><TableCell>Alert</TableCell><TableCell>Resource</TableCell><TableCell>Severity</TableCell><TableCell>State</TableCell><TableCell>Why it joined</TableCell></TableRow>
          </TableHead>
          <TableBody>
            {(incident.alerts ?? []).map((a) => (
              <TableRow key={a.key}>
                <TableCell>{a.name}<Typography variant="body2" color="text.secondary">{a.summary}</Typography></TableCell>
                <TableCell>{a.resourceId ?? "—"}</TableCell>
                <TableCell><SeverityChip severity={a.severity} /></TableCell>
                <TableCell>{a.firing ? "firing" : `resolved ${formatTime(a.endsAt)}`}</TableCell>
                <TableCell>{a.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section title="Actions" label="actions">
        {actions.length === 0 ? <Typography color="text.secondary">No actions on the affected resources.</Typography> : null}
        <List dense>
          {actions.map((a) => (
            <ListItem key={a.id} disableGutters data-testid={`action-${a.id}`}>
              <ListItemText
                primary={<Stack direction="row" spacing={1} sx={{ alignItems: "center" }}><ActionStatusChip status={a.status} /><span>{a.description}</span></Stack>}
                secondary={`${a.agentId} · ${a.type} · risk ${a.riskLevel}${a.result ? ` · ${a.result}` : ""}`}
              />
            </ListItem>
          ))}
        </List>
      </Section>
      <Section title="Timeline" label="timeline">
        <List dense data-testid="timeline">
          {timeline.map((entry) => (
            <ListItem key={entry.version} disableGutters data-testid="timeline-entry">
              <ListItemText primary={entry.summary} secondary={`${formatTime(entry.at)} · ${entry.actor} · ${entry.type}`} />
            </ListItem>
          ))}
        </List>
      </Section>
      <Section
        title="Postmortem"
        label="postmortem"
        action={<Button onClick={() => void api.postmortem(id).then(setPostmortem, (e: unknown) => setError(describeError(e)))}>{postmortem === null ? "Generate" : "Refresh"}</Button>}
      >
        {postmortem === null ? (
          <Typography color="text.secondary">Generated from the incident's record: timeline, alerts, root cause and actions.</Typography>
        ) : (
          <Box component="pre" data-testid="postmortem" sx={{ whiteSpace: "pre-wrap", fontFamily: "ui-monospace, monospace", fontSize: 13, m: 0 }}>{postmortem}</Box>
        )}
      </Section>
      <ResolveDialog open={resolving} onClose={() => setResolving(false)} onResolve={(steps) => act(() => api.resolve(id, steps)).then(() => setResolving(false))} />
    </Stack>
  );
}

/**
 * The incident's actions after a change: one already listed is replaced unless what is shown is newer; a new one joins
 * when it targets one of the incident's affected resources; newest first.
 */
export function withAction(shown: readonly AgentAction[], action: AgentAction, incident: Incident | null): AgentAction[] {
  const listed = shown.find((a) => a.id === action.id);
  if (listed) {
    return listed.updatedAt > action.updatedAt ? [...shown] : shown.map((a) => (a.id === action.id ? action : a));
  }

  const affected = new Set(incident?.affectedResources ?? []);
  return action.targetResources.some((t) => affected.has(t))
    ? [action, ...shown].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    : [...shown];
}

function Classification({ incident }: { incident: Incident }) {
  const c = incident.classification;
  return (
    <Section title="Classification" label="classification">
      {c ? (
        <>
          <Typography><strong>{c.type}</strong> · confidence {(c.confidence * 100).toFixed(0)}% · {c.method}{c.modelVersion ? ` (model ${c.modelVersion})` : ""}</Typography>
          <Typography color="text.secondary" sx={{ mt: 1 }}>{c.explanation}</Typography>
          {c.alternatives.length > 0 ? (
            <Typography variant="body2" sx={{ mt: 1 }}>Alternatives: {c.alternatives.map((a) => `${a.type} ${(a.score * 100).toFixed(0)}%`).join(", ")}</Typography>
          ) : null}
        </>
      ) : (
        <Typography color="text.secondary">Not classified yet.</Typography>
      )}
      {(incident.severityReasons ?? []).length > 0 ? (
        <Box sx={{ mt: 2 }}>
          <Typography variant="subtitle2">Why {incident.severity}</Typography>
          <List dense>{(incident.severityReasons ?? []).map((r) => <ListItem key={r} disableGutters><ListItemText primary={r} /></ListItem>)}</List>
        </Box>
      ) : null}
    </Section>
  );
}

function RootCauses({ incident }: { incident: Incident }) {
  const candidates = incident.rootCauses ?? [];
  return (
    <Section title="Root-cause candidates" label="root-cause candidates">
      {candidates.length === 0 ? <Typography color="text.secondary">No candidates yet.</Typography> : null}
      <List dense>
        {candidates.map((c, i) => (
          <ListItem key={c.resourceId} disableGutters sx={{ display: "block" }} data-testid="root-cause">
            <Typography>
              {i + 1}. <strong>{c.resourceId}</strong>{c.kind ? ` (${c.kind})` : ""} · score {c.score.toFixed(2)}
            </Typography>
            <List dense disablePadding sx={{ pl: 2 }}>
              {c.evidence.map((e) => <ListItem key={e} disableGutters><ListItemText secondary={e} /></ListItem>)}
            </List>
          </ListItem>
        ))}
      </List>
    </Section>
  );
}

function NoteButton({ disabled, onAdd }: { disabled: boolean; onAdd: (text: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  return (
    <>
      <Button disabled={disabled} onClick={() => setOpen(true)}>Add note</Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth>
        <DialogTitle>Add a note</DialogTitle>
        <DialogContent>
          <TextField autoFocus fullWidth multiline minRows={3} label="Note" value={text} onChange={(e) => setText(e.target.value)} sx={{ mt: 1 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="contained" disabled={!text.trim()} onClick={() => void onAdd(text.trim()).then(() => { setOpen(false); setText(""); })}>Add</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function ResolveDialog({ open, onClose, onResolve }: { open: boolean; onClose: () => void; onResolve: (steps: string[]) => Promise<void> }) {
  const [steps, setSteps] = useState("");
  const list = steps.split("\n").map((s) => s.trim()).filter(Boolean);
  return (
    <Dialog open={open} onClose={onClose} fullWidth>
      <DialogTitle>Resolve the incident</DialogTitle>
      <DialogContent>
        <Alert severity="info" sx={{ mb: 2 }}>The steps go into the incident's record and its postmortem.</Alert>
        <TextField autoFocus fullWidth multiline minRows={3} label="What was done (one step per line)" value={steps} onChange={(e) => setSteps(e.target.value)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color="success" disabled={list.length === 0} onClick={() => void onResolve(list)}>Resolve</Button>
      </DialogActions>
    </Dialog>
  );
}
