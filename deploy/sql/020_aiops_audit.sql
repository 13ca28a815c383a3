-- AIOps audit trail: every decision (policy verdict, approval, rejection, lease, execution step, config change),
-- one row per entry, hash-chained: hash = SHA-256 over the entry and previous_hash (see AuditHash), so a changed,
-- deleted or reordered row breaks the chain where it happened. Rows are appended only by the application, one
-- at a time under an advisory lock, with seq = last seq + 1.
-- Idempotent: safe to run on every start. No BEGIN/COMMIT: the migrator runs each script in a transaction.

CREATE TABLE IF NOT EXISTS aiops_audit_log
(
    seq           bigint      NOT NULL CHECK (seq > 0),
    at            timestamptz NOT NULL,
    actor         text        NOT NULL,
    action        text        NOT NULL,
    outcome       text        NOT NULL,
    resource_id   text,
    action_id     text,
    agent_id      text,
    reason        text,
    details       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    previous_hash text        NOT NULL,
    hash          text        NOT NULL,
    CONSTRAINT aiops_audit_log_pk PRIMARY KEY (seq)
);

-- Searches filter by time, actor, resource, action (exact or 'area.' prefix) or agent action, newest first.
CREATE INDEX IF NOT EXISTS aiops_audit_log_at_ix ON aiops_audit_log (at);
CREATE INDEX IF NOT EXISTS aiops_audit_log_actor_ix ON aiops_audit_log (actor, seq);
CREATE INDEX IF NOT EXISTS aiops_audit_log_resource_ix ON aiops_audit_log (resource_id, seq) WHERE resource_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS aiops_audit_log_action_ix ON aiops_audit_log (action text_pattern_ops, seq);
CREATE INDEX IF NOT EXISTS aiops_audit_log_action_id_ix ON aiops_audit_log (action_id, seq) WHERE action_id IS NOT NULL;

-- The trail is append-only. The trigger stops mistakes and ordinary users; a table owner or superuser can disable
-- it, which is why every row is also hash-chained and GET /api/audit/verify exists.
CREATE OR REPLACE FUNCTION aiops_audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'aiops_audit_log is append-only: % of entry % refused', TG_OP, OLD.seq
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE FUNCTION aiops_audit_log_refuse_truncate() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'aiops_audit_log is append-only: TRUNCATE refused'
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER IF EXISTS aiops_audit_log_immutable ON aiops_audit_log;
CREATE TRIGGER aiops_audit_log_immutable
    BEFORE UPDATE OR DELETE ON aiops_audit_log
    FOR EACH ROW EXECUTE FUNCTION aiops_audit_log_refuse_change();

DROP TRIGGER IF EXISTS aiops_audit_log_no_truncate ON aiops_audit_log;
CREATE TRIGGER aiops_audit_log_no_truncate
    BEFORE TRUNCATE ON aiops_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION aiops_audit_log_refuse_truncate();
