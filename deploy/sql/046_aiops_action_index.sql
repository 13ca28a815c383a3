-- AIOps action index: the listing fields of every agent action, one row each; the journals stay the source of
-- truth. Agents propose actions continually, so the list is a table rather than one grain's state. Idempotent.

CREATE TABLE IF NOT EXISTS aiops_action_index
(
    id               text COLLATE "C" NOT NULL,
    agent_id         text        NOT NULL,
    type             text        NOT NULL,
    description      text        NOT NULL,
    status           text        NOT NULL,
    risk_level       text        NOT NULL,
    target_resources text[]      NOT NULL,
    -- Teams owning the targets when the action last changed (from aiops_resource_catalog); empty: no team.
    teams            text[]      NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          integer     NOT NULL,
    CONSTRAINT aiops_action_index_pk PRIMARY KEY (id)
);

-- Newest first, overall and per filter.
CREATE INDEX IF NOT EXISTS aiops_action_index_created_ix ON aiops_action_index (created_at DESC, id);
CREATE INDEX IF NOT EXISTS aiops_action_index_status_ix ON aiops_action_index (status, created_at DESC, id);
CREATE INDEX IF NOT EXISTS aiops_action_index_agent_ix ON aiops_action_index (agent_id, created_at DESC, id);
-- "Actions on this resource" (target_resources @> ARRAY[id]).
CREATE INDEX IF NOT EXISTS aiops_action_index_targets_ix ON aiops_action_index USING gin (target_resources);
