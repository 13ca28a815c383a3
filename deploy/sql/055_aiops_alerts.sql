-- AIOps alert store: every accepted alert, one row per (source, fingerprint), written by the ingestion intake in
-- group-committed batches before the source gets its 2xx. "pending" stays true until the correlator has taken the
-- row's latest change; rows pending for more than a few seconds are delivered again (at silo start and
-- periodically), so an accepted alert is never lost between the commit and the correlator. Idempotent.

CREATE TABLE IF NOT EXISTS aiops_alerts
(
    source              text COLLATE "C" NOT NULL,
    fingerprint         text COLLATE "C" NOT NULL,
    status              text        NOT NULL CHECK (status IN ('firing', 'resolved')),
    labels              jsonb       NOT NULL,
    annotations         jsonb       NOT NULL,
    starts_at           timestamptz NOT NULL,
    ends_at             timestamptz NULL,
    first_seen          timestamptz NOT NULL,
    last_seen           timestamptz NOT NULL,
    notifications       bigint      NOT NULL,
    last_event_id       text        NOT NULL,
    -- The latest notification as the platform event handed to the correlator (replayed when pending).
    last_event          jsonb       NOT NULL,
    last_change         text        NOT NULL CHECK (last_change IN ('firing', 'resolved', 'repeat')),
    resource_id         text        NULL,
    version             bigint      NOT NULL,
    pending             boolean     NOT NULL,
    -- The strongest change not yet delivered and the notifications since the last delivery.
    pending_change      text        NOT NULL CHECK (pending_change IN ('firing', 'resolved', 'repeat')),
    pending_occurrences integer     NOT NULL,
    pending_since       timestamptz NOT NULL,
    CONSTRAINT aiops_alerts_pk PRIMARY KEY (source, fingerprint)
);

-- No index but the key: every notification rewrites its row, and with no other index (and room left in each page)
-- those are HOT updates that touch no index at all. Redelivery (every few seconds) and the listing read the table
-- sequentially: it holds one row per distinct alert, not one per notification.
ALTER TABLE aiops_alerts SET (fillfactor = 50);
