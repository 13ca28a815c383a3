import { useEffect, useState } from "react";
import {
  Box, Chip, FormControl, Grid, InputLabel, LinearProgress, List, ListItem, ListItemText, MenuItem, Select, Stack, Table, TableBody, TableCell, TableHead,
  TableRow, ToggleButton, ToggleButtonGroup, Typography,
} from "@mui/material";
import { BarChart } from "@mui/x-charts/BarChart";
import { LineChart } from "@mui/x-charts/LineChart";
import { describeError, ProblemError, type AgentAction, type CostDimension, type CostGroup, type CostRecommendationReport, type CostReport, type CostTrend } from "../api";
import { ActionStatusChip, ErrorAlert, Section, money } from "../components/common";
import { useConsole, useReadyMark } from "../console";

const ranges = { "24h": 24, "7d": 24 * 7, "30d": 24 * 30 } as const;
type Range = keyof typeof ranges;
const dimensions: readonly CostDimension[] = ["total", "provider", "team", "kind", "environment"];
/** Series drawn in a trend; the rest are summed into "other". */
const maxSeries = 8;

/** The estimated monthly saving an action states (parameter estimatedMonthlySavings), if it does. */
export function savingsOf(action: AgentAction): number | null {
  const value = Number(action.parameters["estimatedMonthlySavings"]);
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** A trend's series, the largest first, the rest summed into "other" so the chart stays readable. */
export function topSeries(trend: CostTrend, max = maxSeries): { key: string; points: Map<string, number> }[] {
  const all = trend.series.map((s) => ({ key: s.key, points: new Map(s.points.map((p) => [p.at, p.perHour])) }));
  if (all.length <= max) {
    return all;
  }

  const other = new Map<string, number>();
  for (const s of all.slice(max - 1)) {
    s.points.forEach((v, at) => other.set(at, (other.get(at) ?? 0) + v));
  }

  return [...all.slice(0, max - 1), { key: "other", points: other }];
}

/** Spend now (by provider, team, kind, environment), over time, the costliest resources, and the cost agent's proposals. */
export function CostPage() {
  const { api } = useConsole();
  const [filter, setFilter] = useState({ provider: "", team: "", environment: "" });
  const [report, setReport] = useState<CostReport | null>(null);
  const [choices, setChoices] = useState<CostReport | null>(null);
  const [by, setBy] = useState<CostDimension>("provider");
  const [range, setRange] = useState<Range>("24h");
  const [trend, setTrend] = useState<CostTrend | null>(null);
  const [proposals, setProposals] = useState<AgentAction[] | null>(null);
  const [recommendations, setRecommendations] = useState<CostRecommendationReport | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let current = true;
    void api.costReport({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== "")), top: 15 }).then(
      (r) => {
        if (current) {
          setReport(r);
          setChoices((c) => c ?? r);
        }
      },
      (e: unknown) => current && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [api, filter]);

  useEffect(() => {
    let current = true;
    const to = new Date();
    const from = new Date(to.getTime() - ranges[range] * 3600_000);
    void api.costTrend(by, from.toISOString(), to.toISOString()).then(
      (t) => current && setTrend(t),
      (e: unknown) => {
        if (!current) {
          return;
        }

        // A team-scoped user sees spend by team only (the others span every team).
        if (e instanceof ProblemError && e.status === 403 && by !== "team") {
          setBy("team");
        } else {
          setError(describeError(e));
        }
      },
    );
    return () => {
      current = false;
    };
  }, [api, by, range]);

  useEffect(() => {
    let current = true;
    void api.actionsOf("cost-optimization").then(
      (page) => current && setProposals(page.items),
      (e: unknown) => current && setError(describeError(e)),
    );
    void api.costRecommendations().then(
      (r) => current && setRecommendations(r),
      (e: unknown) => current && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [api]);
  useReadyMark("cost", report !== null && trend !== null);

  const select = (field: "provider" | "team" | "environment", groups: CostGroup[]) => (
    <FormControl size="small" sx={{ minWidth: 150 }}>
      <InputLabel id={`cost-${field}`}>{field}</InputLabel>
      <Select labelId={`cost-${field}`} label={field} value={filter[field]} onChange={(e) => setFilter({ ...filter, [field]: e.target.value })}>
        <MenuItem value="">all</MenuItem>
        {groups.filter((g) => g.key !== null).map((g) => <MenuItem key={g.key} value={g.key ?? ""}>{g.key}</MenuItem>)}
      </Select>
    </FormControl>
  );

  return (
    <Stack spacing={3} data-testid="cost">
      <Stack direction="row" spacing={2} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ mr: 2 }}>Cost</Typography>
        {choices ? (
          <>
            {select("provider", choices.byProvider)}
            {select("team", choices.byTeam)}
            {select("environment", choices.byEnvironment)}
          </>
        ) : null}
      </Stack>
      <ErrorAlert error={error} />
      {report === null ? <LinearProgress aria-label="loading the cost report" /> : (
        <>
          <Grid container spacing={3}>
            <Grid size={{ xs: 12, md: 4 }}>
              <Section title="Run-rate" label="run-rate">
                <Typography variant="h3" component="p" data-testid="cost-per-month">{money(report.total.perMonth)}</Typography>
                <Typography color="text.secondary">per month · {money(report.total.perDay)} per day · {money(report.total.perHour)} per hour</Typography>
                <Typography variant="body2" sx={{ mt: 1 }}>
                  {report.resourceCount.toLocaleString()} resources{report.resourcesWithoutCost > 0 ? `, ${report.resourcesWithoutCost.toLocaleString()} without a known cost` : ""}
                </Typography>
              </Section>
            </Grid>
            <Grid size={{ xs: 12, md: 8 }}>
              <GroupChart title="By provider" groups={report.byProvider} />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}><GroupChart title="By team" groups={report.byTeam} /></Grid>
            <Grid size={{ xs: 12, md: 4 }}><GroupChart title="By resource type" groups={report.byKind} /></Grid>
            <Grid size={{ xs: 12, md: 4 }}><GroupChart title="By environment" groups={report.byEnvironment} /></Grid>
          </Grid>
          <Section
            title="Trend"
            label="trend"
            action={
              <Stack direction="row" spacing={1}>
                <ToggleButtonGroup size="small" exclusive value={by} onChange={(_, v: CostDimension | null) => v && setBy(v)} aria-label="trend by">
                  {dimensions.map((d) => <ToggleButton key={d} value={d}>{d}</ToggleButton>)}
                </ToggleButtonGroup>
                <ToggleButtonGroup size="small" exclusive value={range} onChange={(_, v: Range | null) => v && setRange(v)} aria-label="range">
                  {(Object.keys(ranges) as Range[]).map((r) => <ToggleButton key={r} value={r}>{r}</ToggleButton>)}
                </ToggleButtonGroup>
              </Stack>
            }
          >
            <TrendChart trend={trend} />
          </Section>
          <Grid container spacing={3}>
            <Grid size={{ xs: 12, md: 7 }}>
              <Section title="Costliest resources" label="costliest resources">
                <Table size="small">
                  <TableHead>
                    <TableRow><TableCell>Resource</TableCell><TableCell>Type</TableCell><TableCell>Team</TableCell><TableCell align="right">Per month</TableCell></TableRow>
                  </TableHead>
                  <TableBody>
                    {report.topResources.map((r) => (
                      <TableRow key={r.id}>
                        <TableCell sx={{ wordBreak: "break-all" }}>{r.name}</TableCell>
                        <TableCell>{r.provider} {r.kind}</TableCell>
                        <TableCell>{r.team ?? "—"}</TableCell>
                        <TableCell align="right">{money(r.cost.perMonth)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Section>
            </Grid>
            <Grid size={{ xs: 12, md: 5 }}>
              <Recommendations report={recommendations} proposals={proposals} />
            </Grid>
          </Grid>
        </>
      )}
    </Stack>
  );
}

function GroupChart({ title, groups }: { title: string; groups: CostGroup[] }) {
  const shown = groups.slice(0, 12);
  return (
    <Section title={title} label={title.toLowerCase()}>
      {shown.length === 0 ? <Typography color="text.secondary">No costs.</Typography> : (
        <BarChart
          height={Math.max(140, 28 * shown.length + 40)}
          layout="horizontal"
          margin={{ left: 8, right: 16, top: 8, bottom: 8 }}
          yAxis={[{ scaleType: "band", data: shown.map((g) => g.key ?? "(none)"), width: 110 }]}
          xAxis={[{ valueFormatter: (v: number | null) => money(v ?? 0) }]}
          series={[{ data: shown.map((g) => g.cost.perMonth), label: "per month", valueFormatter: (v: number | null) => money(v ?? 0) }]}
          hideLegend
          skipAnimation
        />
      )}
    </Section>
  );
}

function TrendChart({ trend }: { trend: CostTrend | null }) {
  if (trend === null) {
    return <LinearProgress aria-label="loading the trend" />;
  }

  const series = topSeries(trend);
  const times = [...new Set(series.flatMap((s) => [...s.points.keys()]))].sort();
  if (times.length === 0) {
    return (
      <Typography color="text.secondary" data-testid="trend-empty">
        No snapshots in this range yet: the run-rate is recorded every few minutes from when the platform started.
      </Typography>
    );
  }

  return (
    <Box data-testid="trend-chart">
      <LineChart
        height={280}
        skipAnimation
        xAxis={[{ data: times.map((t) => new Date(t)), scaleType: "time" }]}
        yAxis={[{ valueFormatter: (v: number | null) => `${money((v ?? 0) * 720)}/mo`, width: 90 }]}
        series={series.map((s) => ({
          label: s.key,
          data: times.map((t) => s.points.get(t) ?? null),
          showMark: times.length < 30,
          connectNulls: true,
          valueFormatter: (v: number | null) => (v === null ? "" : `${money(v)}/h`),
        }))}
      />
    </Box>
  );
}

function Recommendations({ report, proposals }: { report: CostRecommendationReport | null; proposals: AgentAction[] | null }) {
  const open = (proposals ?? []).filter((a) => a.status === "pending" || a.status === "approved");
  return (
    <Section title="Recommendations" label="recommendations">
      {report === null ? <LinearProgress aria-label="loading recommendations" /> : (
        <>
          <Typography gutterBottom data-testid="recommended-savings">
            {report.recommendations.length === 0
              ? `Nothing to recommend: ${report.machinesAnalysed} machines and ${report.volumesAnalysed} volumes analysed.`
              : `${report.recommendations.length} recommendation(s) would save ${money(report.estimatedMonthlySavings)} per month (${report.machinesAnalysed} machines and ${report.volumesAnalysed} volumes analysed).`}
          </Typography>
          {report.machinesWithoutHistory > 0 ? (
            <Typography variant="body2" color="text.secondary" gutterBottom>
              {report.machinesWithoutHistory} machine(s) not judged yet: their CPU history covers less than half of the last hour.
            </Typography>
          ) : null}
          <List dense>
            {report.recommendations.slice(0, 20).map((r) => (
              <ListItem key={`${r.type}:${r.resourceId}`} disableGutters data-testid="recommendation">
                <ListItemText
                  primary={<Stack direction="row" spacing={1} sx={{ alignItems: "center" }}><Chip size="small" label={r.type} /><span>{r.action}</span></Stack>}
                  secondary={`saves ${money(r.estimatedMonthlySavings)}/month of ${money(r.monthlyCost)} · ${r.provider} ${r.kind}${r.team ? ` · team ${r.team}` : ""} · ${r.evidence.join("; ")}`}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
      {open.length > 0 ? (
        <>
          <Typography variant="subtitle2" sx={{ mt: 2 }}>Proposed by the cost optimization agent</Typography>
          <List dense>
            {open.map((action) => {
              const savings = savingsOf(action);
              return (
                <ListItem key={action.id} disableGutters>
                  <ListItemText
                    primary={<Stack direction="row" spacing={1} sx={{ alignItems: "center" }}><ActionStatusChip status={action.status} /><span>{action.description}</span></Stack>}
                    secondary={`${savings === null ? "saving not estimated" : `saves ${money(savings)}/month`} · risk ${action.riskLevel}`}
                  />
                </ListItem>
              );
            })}
          </List>
        </>
      ) : null}
    </Section>
  );
}
