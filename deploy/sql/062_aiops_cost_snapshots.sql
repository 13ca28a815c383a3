-- Cost history (ICostHistoryStore): every few minutes the cost history recorder (one grain per cluster) stores the
-- run-rate of the whole estate and of each provider, team, kind and environment; the dashboard's spend trends read it.
-- Rows are never updated; those older than 400 days are deleted as new ones come. Idempotent.

CREATE TABLE IF NOT EXISTS aiops_cost_snapshots
(
    at        timestamptz NOT NULL,
    dimension text        NOT NULL,
    key       text        NOT NULL,
    per_hour  numeric     NOT NULL
);

CREATE INDEX IF NOT EXISTS aiops_cost_snapshots_dimension_at ON aiops_cost_snapshots (dimension, at);
-- For pruning rows past the retention (400 days) as new snapshots come.
CREATE INDEX IF NOT EXISTS aiops_cost_snapshots_at ON aiops_cost_snapshots (at);
