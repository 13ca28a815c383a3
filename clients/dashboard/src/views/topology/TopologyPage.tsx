import { useCallback, useMemo, useState } from "react";
import {
  Autocomplete, Box, Chip, FormControl, InputLabel, LinearProgress, MenuItem, Paper, Select, Stack, TextField, Typography,
} from "@mui/material";
import { describeError, query, type Page, type ResourceHealth, type ResourceSummary } from "../../api";
import { ErrorAlert, healthColors } from "../../components/common";
import { useConsole, useReadyMark } from "../../console";
import { useLive } from "../../live";
import { layout, matches, noFilter, valuesOf, type GroupBy, type TopologyFilter } from "./layout";
import { ResourcePanel } from "./ResourcePanel";
import { TopologyCanvas } from "./TopologyCanvas";
import { applyChange, loadEstate, type ResourceChange } from "./topologyData";

const healths: readonly ResourceHealth[] = ["healthy", "degraded", "unhealthy", "unknown"];
const groupings: readonly { value: GroupBy; label: string }[] = [
  { value: "location", label: "cluster / location" },
  { value: "provider", label: "provider" },
  { value: "team", label: "team" },
  { value: "environment", label: "environment" },
];

/**
 * The estate as a map: every resource in the caller's scope, grouped, coloured by health and kept live from the
 * resources feed; filters by provider, environment, team and health; a resource's details, metrics and incidents on
 * selection.
 */
export function TopologyPage() {
  const { api, live } = useConsole();
  // The loaded estate: one map for the page's life, changed in place by pushes (health and cost), so a change
  // repaints without laying 5,000 cells out again; `structure` and `paint` say which of the two is needed.
  const [resources] = useState(() => new Map<string, ResourceSummary>());
  const [edges, setEdges] = useState<{ from: string; to: string }[]>([]);
  const [structure, setStructure] = useState(0);
  const [paint, setPaint] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [drawnOnce, setDrawnOnce] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [filter, setFilter] = useState<TopologyFilter>(noFilter);
  const [groupBy, setGroupBy] = useState<GroupBy>("location");
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [focusRequest, setFocusRequest] = useState(0);

  const readUnknown = useCallback(
    async (ids: string[]) => {
      for (const id of ids) {
        const found = await api.get<Page<ResourceSummary>>(`/api/resources${query({ q: id, limit: 5 })}`);
        const exact = found.items.find((r) => r.id === id);
        if (exact) {
          resources.set(exact.id, exact);
        }
      }

      setStructure((s) => s + 1);
    },
    [api, resources],
  );

  useLive(
    live,
    ["resources"],
    {
      ResourceChanged: (changes: ResourceChange[]) => {
        let painted = false;
        let removed = false;
        const unknown: string[] = [];
        for (const change of changes) {
          const outcome = applyChange(resources, change);
          painted ||= outcome === "painted";
          removed ||= outcome === "removed";
          if (outcome === "unknown") {
            unknown.push(change.id);
          }
        }

        if (removed) {
          setStructure((s) => s + 1);
        } else if (painted) {
          setPaint((p) => p + 1);
        }

        if (unknown.length > 0 && loaded) {
          void readUnknown(unknown).catch((e: unknown) => setError(describeError(e)));
        }
      },
    },
    async (isCurrent) => {
      try {
        const estate = await loadEstate(api);
        if (!isCurrent()) {
          return;
        }

        // Changes pushed while reading are newer than the pages: keep them.
        for (const node of estate.nodes) {
          const shown = resources.get(node.id);
          if (!shown || shown.version < node.version) {
            resources.set(node.id, node);
          }
        }

        setEdges(estate.edges);
        setStructure((s) => s + 1);
        setLoaded(true);
      } catch (e) {
        if (isCurrent()) {
          setError(describeError(e));
        }
      }
    },
  );

  const all = useMemo(() => (structure >= 0 ? [...resources.values()] : []), [resources, structure]);
  const visible = useMemo(() => all.filter((r) => matches(r, filter)), [all, filter]);
  // Health counts per group are recomputed when a change is painted (cells keep their places).
  const map = useMemo(() => (paint >= 0 ? layout(visible, groupBy) : layout([], groupBy)), [visible, groupBy, paint]);
  const choices = useMemo(() => ({ provider: valuesOf(all, "provider"), environment: valuesOf(all, "environment"), team: valuesOf(all, "team") }), [all]);
  const counts = useMemo(() => {
    const c: Record<ResourceHealth, number> = { healthy: 0, degraded: 0, unhealthy: 0, unknown: 0 };
    visible.forEach((r) => (c[r.health] += paint >= 0 ? 1 : 0));
    return c;
  }, [visible, paint]);
  const onDrawn = useCallback(() => setDrawnOnce(true), []);
  useReadyMark("topology", loaded && drawnOnce && map.positions.size === visible.length);

  const select = (id: string | undefined, focus: boolean) => {
    setSelected(id);
    if (focus && id) {
      setFocusRequest((f) => f + 1);
    }
  };

  return (
    <Stack spacing={2} data-testid="topology" sx={{ height: "calc(100vh - 112px)" }}>
      <Stack direction="row" spacing={2} sx={{ flexWrap: "wrap", rowGap: 1, alignItems: "center" }}>
        <Typography variant="h5" component="h1" sx={{ mr: 2 }}>Topology</Typography>
        {(["provider", "environment", "team"] as const).map((field) => (
          <FormControl key={field} size="small" sx={{ minWidth: 140 }}>
            <InputLabel id={`${field}-label`}>{field}</InputLabel>
            <Select labelId={`${field}-label`} label={field} value={filter[field]} onChange={(e) => setFilter({ ...filter, [field]: e.target.value })}>
              <MenuItem value="">all</MenuItem>
              {choices[field].map((v) => <MenuItem key={v} value={v}>{v}</MenuItem>)}
            </Select>
          </FormControl>
        ))}
        <FormControl size="small" sx={{ minWidth: 130 }}>
          <InputLabel id="health-label">health</InputLabel>
          <Select labelId="health-label" label="health" value={filter.health} onChange={(e) => setFilter({ ...filter, health: e.target.value })}>
            <MenuItem value="">all</MenuItem>
            {healths.map((h) => <MenuItem key={h} value={h}>{h}</MenuItem>)}
          </Select>
        </FormControl>
        <FormControl size="small" sx={{ minWidth: 180 }}>
          <InputLabel id="group-label">group by</InputLabel>
          <Select labelId="group-label" label="group by" value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
            {groupings.map((g) => <MenuItem key={g.value} value={g.value}>{g.label}</MenuItem>)}
          </Select>
        </FormControl>
        <Autocomplete
          size="small"
          sx={{ minWidth: 320, flexGrow: 1 }}
          options={visible}
          filterOptions={(options, state) => {
            const text = state.inputValue.trim().toLowerCase();
            return text.length < 2 ? [] : options.filter((o) => o.name.toLowerCase().includes(text) || o.id.toLowerCase().includes(text)).slice(0, 50);
          }}
          getOptionLabel={(o) => o.name}
          renderOption={(props, o) => <li {...props} key={o.id}>{o.name} <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>{o.provider} {o.kind} · {o.location}</Typography></li>}
          onChange={(_, value) => select(value?.id, true)}
          renderInput={(params) => <TextField {...params} label="find a resource" />}
        />
      </Stack>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center" }} aria-label="health counts">
        {healths.map((h) => (
          <Chip key={h} size="small" label={`${h}: ${counts[h]}`} data-testid={`health-${h}`} sx={{ bgcolor: healthColors[h], color: "#fff" }} />
        ))}
        <Typography variant="body2" color="text.secondary" data-testid="resource-count">
          {visible.length.toLocaleString()} of {all.length.toLocaleString()} resources · {edges.length.toLocaleString()} dependencies · wheel to zoom, drag to pan, click a resource
        </Typography>
      </Stack>
      <ErrorAlert error={error} />
      {!loaded && !error ? <LinearProgress aria-label="loading the estate" /> : null}
      <Stack direction="row" spacing={2} sx={{ flexGrow: 1, minHeight: 0 }}>
        <Paper variant="outlined" sx={{ flexGrow: 1, minWidth: 0, overflow: "hidden" }}>
          <TopologyCanvas layout={map} edges={edges} selected={selected} focusRequest={focusRequest} onSelect={(id) => select(id, false)} onDrawn={onDrawn} />
        </Paper>
        {selected ? (
          <Paper variant="outlined" sx={{ width: 400, flexShrink: 0 }}>
            <ResourcePanel key={selected} id={selected} onClose={() => select(undefined, false)} />
          </Paper>
        ) : null}
      </Stack>
      <Box />
    </Stack>
  );
}
