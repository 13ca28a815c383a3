-- Outcomes of real runbook executions (IRemediationOutcomeStore): the remediation-success model is retrained on them
-- (with its simulated cold-start set) every few new ones, by whichever silo records them. One row per runbook action;
-- rows are never updated. Idempotent.

CREATE TABLE IF NOT EXISTS aiops_remediation_outcomes
(
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at    timestamptz NOT NULL,
    incident_type  text        NOT NULL,
    runbook_id     text        NOT NULL,
    step_action    text        NOT NULL,
    resource_kind  text        NOT NULL,
    environment    text        NOT NULL,
    prior_attempts integer     NOT NULL CHECK (prior_attempts >= 0),
    success        boolean     NOT NULL
);

CREATE INDEX IF NOT EXISTS aiops_remediation_outcomes_recorded_at ON aiops_remediation_outcomes (recorded_at);
