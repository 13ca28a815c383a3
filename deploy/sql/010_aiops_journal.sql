-- AIOps event journal: the history of every event-sourced grain (incidents, agent actions), one row per event.
-- Idempotent: safe to run on every start.

CREATE TABLE IF NOT EXISTS aiops_event_journal
(
    grain_type  text        NOT NULL,
    grain_id    text        NOT NULL,
    version     integer     NOT NULL CHECK (version > 0),
    event_type  text        NOT NULL,
    payload     jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL,
    -- Two writers racing for the same version: exactly one insert succeeds, the other sees a unique violation.
    CONSTRAINT aiops_event_journal_pk PRIMARY KEY (grain_type, grain_id, version)
);

CREATE INDEX IF NOT EXISTS aiops_event_journal_recorded_at_ix ON aiops_event_journal (recorded_at);

-- Journal rows are history: they are never rewritten. Deleting is left to retention jobs run by an operator.
CREATE OR REPLACE FUNCTION aiops_event_journal_refuse_update() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'aiops_event_journal rows are immutable (grain %/% version %)', OLD.grain_type, OLD.grain_id, OLD.version;
END;
$$;

DROP TRIGGER IF EXISTS aiops_event_journal_no_update ON aiops_event_journal;
CREATE TRIGGER aiops_event_journal_no_update
    BEFORE UPDATE ON aiops_event_journal
    FOR EACH ROW EXECUTE FUNCTION aiops_event_journal_refuse_update();
