import { Fragment, useEffect, useState } from "react";
import {
  Alert, Box, Button, Collapse, FormControl, IconButton, InputLabel, MenuItem, Select, Stack, Table, TableBody, TableCell, TableHead, TablePagination,
  TableRow, TextField, Typography,
} from "@mui/material";
import { describeError, type AuditEntry, type AuditFilter, type AuditVerification, type Page } from "../api";
import { ErrorAlert, Section, formatTime } from "../components/common";
import { useConsole, useReadyMark } from "../console";

const pageSize = 50;

interface Form {
  from: string;
  to: string;
  actor: string;
  resource: string;
  action: string;
  actionId: string;
}

const emptyForm: Form = { from: "", to: "", actor: "", resource: "", action: "", actionId: "" };

/** A datetime-local value (the browser's local time) as ISO 8601 UTC, or undefined when empty. */
export function isoOf(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

export function filterOf(form: Form, page: number): AuditFilter {
  const text = (value: string) => value.trim() || undefined;
  return {
    from: isoOf(form.from),
    to: isoOf(form.to),
    actor: text(form.actor),
    resource: text(form.resource),
    action: text(form.action),
    actionId: text(form.actionId),
    offset: page * pageSize,
    limit: pageSize,
  };
}

/** The audit trail: search and filter, the hash chain's verification, and the compliance report for a period (admins). */
export function AuditPage() {
  const { api, permissions } = useConsole();
  const [form, setForm] = useState<Form>(emptyForm);
  const [applied, setApplied] = useState<{ form: Form; page: number }>({ form: emptyForm, page: 0 });
  const [result, setResult] = useState<Page<AuditEntry> | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let current = true;
    const isCurrent = () => current;
    void api.audit(filterOf(applied.form, applied.page)).then(
      (page) => {
        if (isCurrent()) {
          setResult(page);
          setError(undefined);
        }
      },
      (e: unknown) => isCurrent() && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [api, applied]);
  useReadyMark("audit", result !== null);

  const verify = async () => {
    setVerifying(true);
    setVerifyError(undefined);
    try {
      setVerification(await api.verifyAudit());
    } catch (e) {
      setVerifyError(describeError(e));
    } finally {
      setVerifying(false);
    }
  };

  useEffect(() => {
    let current = true;
    void api.verifyAudit().then(
      (v) => current && setVerification(v),
      (e: unknown) => current && setVerifyError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  const field = (name: keyof Form, label: string, type = "text") => (
    <TextField size="small" label={label} type={type} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      slotProps={type === "datetime-local" ? { inputLabel: { shrink: true } } : {}} />
  );

  return (
    <Stack spacing={3} data-testid="audit">
      <Section title="Chain verification" label="chain verification" action={<Button disabled={verifying} onClick={() => void verify()}>Verify now</Button>}>
        <ErrorAlert error={verifyError} />
        {verification === null ? <Typography color="text.secondary">Verifying…</Typography> : verification.valid ? (
          <Alert severity="success" data-testid="chain-status">
            Intact: {verification.entriesChecked.toLocaleString()} entries checked{verification.lastSequence !== null ? `, up to #${verification.lastSequence}` : ""}.
            {verification.lastHash ? <Typography variant="caption" component="div" sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>last hash {verification.lastHash}</Typography> : null}
          </Alert>
        ) : (
          <Alert severity="error" data-testid="chain-status">
            Broken{verification.firstBrokenSequence !== null ? ` at #${verification.firstBrokenSequence}` : ""}: {verification.break ?? "unknown"} — {verification.reason}
          </Alert>
        )}
      </Section>
      <Section title="Audit log" label="audit log">
        <Stack component="form" direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1, mb: 2 }} aria-label="audit search"
          onSubmit={(e) => { e.preventDefault(); setApplied({ form, page: 0 }); }}>
          {field("from", "From", "datetime-local")}
          {field("to", "To", "datetime-local")}
          {field("actor", "Actor")}
          {field("action", "Action (e.g. approval.granted)")}
          {field("resource", "Resource")}
          {field("actionId", "Action id")}
          <Button type="submit" variant="contained">Search</Button>
          <Button onClick={() => { setForm(emptyForm); setApplied({ form: emptyForm, page: 0 }); }}>Clear</Button>
        </Stack>
        <ErrorAlert error={error} />
        <Table size="small" aria-label="audit entries">
          <TableHead>
            <TableRow>
              <TableCell />
              <TableCell>#</TableCell>
              <TableCell>When</TableCell>
              <TableCell>Actor</TableCell>
              <TableCell>Action</TableCell>
              <TableCell>Outcome</TableCell>
              <TableCell>Resource / action</TableCell>
              <TableCell>Reason</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(result?.items ?? []).map((entry) => <AuditRow key={entry.sequence} entry={entry} />)}
          </TableBody>
        </Table>
        {result && result.items.length === 0 ? <Typography sx={{ mt: 2 }}>No entries match.</Typography> : null}
        <TablePagination component="div" count={result?.total ?? 0} page={applied.page} rowsPerPage={pageSize} rowsPerPageOptions={[pageSize]}
          onPageChange={(_, page) => setApplied({ ...applied, page })} />
      </Section>
      {permissions.admin ? <ExportSection /> : null}
    </Stack>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  return (
    <Fragment>
      <TableRow hover data-testid="audit-entry">
        <TableCell padding="checkbox">
          <IconButton size="small" aria-label={open ? "hide details" : "show details"} onClick={() => setOpen(!open)}>{open ? "−" : "+"}</IconButton>
        </TableCell>
        <TableCell>{entry.sequence}</TableCell>
        <TableCell sx={{ whiteSpace: "nowrap" }}>{formatTime(entry.at)}</TableCell>
        <TableCell>{entry.actor}</TableCell>
        <TableCell>{entry.action}</TableCell>
        <TableCell>{entry.outcome}</TableCell>
        <TableCell sx={{ wordBreak: "break-all" }}>{entry.resourceId ?? entry.actionId ?? entry.agentId ?? "—"}</TableCell>
        <TableCell>{entry.reason ?? ""}</TableCell>
      </TableRow>
      <TableRow>
        <TableCell colSpan={8} sx={{ py: 0, borderBottom: open ? undefined : "none" }}>
          <Collapse in={open} unmountOnExit>
            <Box sx={{ py: 1, fontFamily: "monospace", fontSize: 12, wordBreak: "break-all" }}>
              {Object.entries(entry.details).map(([k, v]) => <div key={k}>{k}: {v}</div>)}
              {entry.actionId ? <div>actionId: {entry.actionId}</div> : null}
              {entry.agentId ? <div>agentId: {entry.agentId}</div> : null}
              <div>previous hash: {entry.previousHash}</div>
              <div>hash: {entry.hash}</div>
            </Box>
          </Collapse>
        </TableCell>
      </TableRow>
    </Fragment>
  );
}

/** The compliance report for a period, as CSV or JSON, downloaded with the user's token. */
function ExportSection() {
  const { api } = useConsole();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [format, setFormat] = useState<"csv" | "json">("csv");
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const blob = await api.auditExport(format, isoOf(from), isoOf(to));
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `aiops-compliance-${(isoOf(from) ?? "").replace(/[:.]/g, "")}-${(isoOf(to) ?? "").replace(/[:.]/g, "")}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Compliance report" label="compliance report">
      <Typography variant="body2" color="text.secondary" gutterBottom>
        Every entry of a period with the chain's verification, for auditors.
      </Typography>
      <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1 }}>
        <TextField size="small" type="datetime-local" label="From" value={from} onChange={(e) => setFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField size="small" type="datetime-local" label="To" value={to} onChange={(e) => setTo(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <FormControl size="small" sx={{ minWidth: 110 }}>
          <InputLabel id="format-label">Format</InputLabel>
          <Select labelId="format-label" label="Format" value={format} onChange={(e) => setFormat(e.target.value)}>
            <MenuItem value="csv">CSV</MenuItem>
            <MenuItem value="json">JSON</MenuItem>
          </Select>
        </FormControl>
        <Button variant="contained" disabled={busy} onClick={() => void download()}>Export</Button>
      </Stack>
      <Box sx={{ mt: 1 }}><ErrorAlert error={error} /></Box>
    </Section>
  );
}
