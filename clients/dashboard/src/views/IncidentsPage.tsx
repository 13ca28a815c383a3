import { useRef, useState } from "react";
import {
  FormControl, InputLabel, Link, MenuItem, Select, Stack, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, Typography,
} from "@mui/material";
import { describeError, summaryOf, type Incident, type IncidentStatus, type IncidentSummary, type Severity } from "../api";
import { ErrorAlert, IncidentStatusChip, Section, SeverityChip, formatTime } from "../components/common";
import { useConsole, useReadyMark } from "../console";
import { useLive } from "../live";
import { useLinkProps, useRouter } from "../router";
import { withListedIncident, type IncidentListFilter } from "./incidents";

const statuses: readonly IncidentStatus[] = ["open", "investigating", "resolved", "closed"];
const severities: readonly Severity[] = ["low", "medium", "high", "critical"];
const pageSize = 50;

/** Incidents with filters (in the address, so a filtered list can be shared), kept live. */
export function IncidentsPage() {
  const { api, live } = useConsole();
  const { location, navigate } = useRouter();
  const filter: IncidentListFilter = {
    status: (statuses as readonly string[]).includes(location.search.get("status") ?? "") ? (location.search.get("status") as IncidentStatus) : "",
    minSeverity: (severities as readonly string[]).includes(location.search.get("minSeverity") ?? "") ? (location.search.get("minSeverity") as Severity) : "",
  };
  const page = Math.max(0, Number.parseInt(location.search.get("page") ?? "0", 10) || 0);
  const rows = useRef<IncidentSummary[]>([]);
  const [rowsShown, setRowsShown] = useState<IncidentSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [pushedAt] = useState(() => new Map<string, string>());
  const [error, setError] = useState<string | undefined>(undefined);

  const setFilter = (change: Partial<IncidentListFilter & { page: number }>) => {
    const next = { ...filter, page: 0, ...change };
    const search = new URLSearchParams();
    if (next.status) search.set("status", next.status);
    if (next.minSeverity) search.set("minSeverity", next.minSeverity);
    if (next.page) search.set("page", String(next.page));
    navigate(`/incidents${search.size ? `?${search}` : ""}`, { replace: true });
  };

  useLive(
    live,
    ["incidents"],
    {
      IncidentChanged: (incident: Incident) => {
        pushedAt.set(incident.id, incident.updatedAt);
        // Later pages keep their rows (an incident joining shifts pages; a new one shows on the first).
        const shown = rows.current;
        const next = withListedIncident(shown, summaryOf(incident), filter);
        const joined = next.length - shown.length;
        rows.current = page === 0 ? next.slice(0, pageSize) : next.filter((x) => shown.some((y) => y.id === x.id));
        setRowsShown(rows.current);
        if (joined !== 0) {
          setTotal((t) => Math.max(0, t + joined));
        }
      },
    },
    async (isCurrent) => {
      try {
        setError(undefined);
        // Pushes from here on are kept and merged with the read, never overwritten by it.
        rows.current = [];
        const result = await api.incidents({
          status: filter.status || undefined,
          minSeverity: filter.minSeverity || undefined,
          offset: page * pageSize,
          limit: pageSize,
        });
        if (isCurrent()) {
          // Rows a push changed or removed since the read started keep the push's say.
          rows.current = result.items
            .filter((item) => !((pushedAt.get(item.id) ?? "") >= item.updatedAt))
            .reduce((merged, item) => withListedIncident(merged, item, filter), rows.current)
            .slice(0, pageSize);
          setRowsShown(rows.current);
          setTotal(result.total);
          setLoaded(true);
        }
      } catch (e) {
        if (isCurrent()) {
          setError(describeError(e));
        }
      }
    },
    `${filter.status}|${filter.minSeverity}|${page}`,
  );
  useReadyMark("incidents", loaded);

  return (
    <Section title="Incidents" label="incidents">
      <ErrorAlert error={error} />
      <Stack direction="row" spacing={2} sx={{ my: 1 }}>
        <FormControl size="small" sx={{ minWidth: 160 }}>
          <InputLabel id="status-label">Status</InputLabel>
          <Select labelId="status-label" label="Status" value={filter.status} onChange={(e) => setFilter({ status: e.target.value })}>
            <MenuItem value="">any</MenuItem>
            {statuses.map((s) => <MenuItem key={s} value={s}>{s}</MenuItem>)}
          </Select>
        </FormControl>
        <FormControl size="small" sx={{ minWidth: 160 }}>
          <InputLabel id="severity-label">Severity at least</InputLabel>
          <Select labelId="severity-label" label="Severity at least" value={filter.minSeverity} onChange={(e) => setFilter({ minSeverity: e.target.value })}>
            <MenuItem value="">any</MenuItem>
            {severities.map((s) => <MenuItem key={s} value={s}>{s}</MenuItem>)}
          </Select>
        </FormControl>
      </Stack>
      <Table size="small" aria-label="incident list">
        <TableHead>
          <TableRow>
            <TableCell>Severity</TableCell>
            <TableCell>Title</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Resources</TableCell>
            <TableCell>Team</TableCell>
            <TableCell>Detected</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rowsShown.map((row) => <IncidentRow key={row.id} row={row} />)}
        </TableBody>
      </Table>
      {loaded && rowsShown.length === 0 ? <Typography sx={{ mt: 2 }}>No incidents match.</Typography> : null}
      <TablePagination
        component="div"
        count={total}
        page={Math.min(page, Math.max(0, Math.ceil(total / pageSize) - 1))}
        rowsPerPage={pageSize}
        rowsPerPageOptions={[pageSize]}
        onPageChange={(_, p) => setFilter({ page: p })}
      />
    </Section>
  );
}

function IncidentRow({ row }: { row: IncidentSummary }) {
  const link = useLinkProps(`/incidents/${encodeURIComponent(row.id)}`);
  return (
    <TableRow hover data-testid={`incident-row-${row.id}`}>
      <TableCell><SeverityChip severity={row.severity} /></TableCell>
      <TableCell><Link {...link}>{row.title}</Link></TableCell>
      <TableCell><IncidentStatusChip status={row.status} /></TableCell>
      <TableCell align="right">{row.affectedResourceCount}</TableCell>
      <TableCell>{row.team ?? "—"}</TableCell>
      <TableCell>{formatTime(row.detectedAt)}</TableCell>
    </TableRow>
  );
}
