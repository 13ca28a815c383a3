-- =============================================================================
-- AIOps - Orleans ADO.NET schema, part 5: persistent streams (queue adapter).
--
-- For Microsoft.Orleans.Streaming.AdoNet 10.4.2-alpha.1 (AdoNetQueueAdapter /
-- AdoNetQueueAdapterReceiver / AdoNetStreamFailureHandler).
-- Requires 001_orleans_main.sql. Idempotent.
--
-- Model
-- -----
-- * OrleansStreamMessage is a set of durable queues, one per
--   (ServiceId, ProviderId = stream provider name, QueueId). MessageId comes
--   from a global sequence, so it is unique and ascending within a queue.
-- * Dequeue leases messages: it increments Dequeued and hides the message
--   until VisibleOn (now + visibility timeout). Dequeued doubles as the lease
--   receipt: confirm/release only act when the receipt equals the current
--   Dequeued, so a stale receiver cannot touch a message that was since
--   re-dequeued by someone else.
-- * A message is dead when its last allowed attempt has timed out
--   (Dequeued >= MaxAttempts) or when it expired (ExpiresOn), in both cases
--   only once it is no longer leased (VisibleOn <= now). Dead messages are
--   moved to OrleansStreamDeadLetter and deleted from there at RemoveOn.
-- * Eviction runs opportunistically inside GetStreamMessages, at most once per
--   EvictionInterval per queue; OrleansStreamControl.EvictOn is the schedule.
-- * All times are timestamptz (UTC instants); Npgsql returns them as
--   DateTimeKind.Utc values, which the provider compares with DateTime.UtcNow.
-- * Timeouts/intervals arrive as whole seconds.
--
-- Query keys written here (parameters -> result):
--   QueueStreamMessageKey     @ServiceId @ProviderId @QueueId @Payload @ExpiryTimeout
--                             -> ServiceId, ProviderId, QueueId, MessageId
--   GetStreamMessagesKey      @ServiceId @ProviderId @QueueId @MaxCount @MaxAttempts
--                             @VisibilityTimeout @RemovalTimeout @EvictionInterval
--                             @EvictionBatchSize
--                             -> ServiceId, ProviderId, QueueId, MessageId, Dequeued,
--                                VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, Payload
--   ConfirmStreamMessagesKey  @ServiceId @ProviderId @QueueId @Items
--                             -> ServiceId, ProviderId, QueueId, MessageId
--       @Items = "MessageId:Receipt|MessageId:Receipt|...". A positive receipt
--       confirms delivery (row deleted); a negative receipt (-Dequeued, sent by
--       the receiver on shutdown) releases the lease (row made visible now,
--       Dequeued kept so receipts stay unique). Rows actually affected are
--       returned.
--   FailStreamMessageKey      @ServiceId @ProviderId @QueueId @MessageId
--                             @MaxAttempts @RemovalTimeout -> 1 int column
--       Delivery failed: make the message visible again if attempts remain,
--       otherwise move it to dead letters.
--   EvictStreamMessagesKey    @ServiceId @ProviderId @QueueId @MaxCount
--                             @MaxAttempts @RemovalTimeout -> 1 int column (moved)
--   EvictStreamDeadLettersKey @ServiceId @ProviderId @QueueId @MaxCount
--                             -> 1 int column (deleted)
--   (10.4.2-alpha.1 requires the two Evict keys to exist but does not call
--    them; eviction runs inside GetStreamMessages.)
-- =============================================================================



-- -----------------------------------------------------------------------------
-- Sequence and tables
-- -----------------------------------------------------------------------------

CREATE SEQUENCE IF NOT EXISTS OrleansStreamMessageSequence
    AS bigint START WITH 1 INCREMENT BY 1 NO MAXVALUE NO CYCLE;

CREATE TABLE IF NOT EXISTS OrleansStreamMessage
(
    ServiceId  varchar(150)   NOT NULL,
    ProviderId varchar(150)   NOT NULL,
    QueueId    varchar(150)   NOT NULL,
    MessageId  bigint         NOT NULL,
    Dequeued   integer        NOT NULL,
    VisibleOn  timestamptz(6) NOT NULL,
    ExpiresOn  timestamptz(6) NOT NULL,
    CreatedOn  timestamptz(6) NOT NULL,
    ModifiedOn timestamptz(6) NOT NULL,
    Payload    bytea          NOT NULL,

    -- Also the dequeue index: equality on the queue, then MessageId order.
    CONSTRAINT PK_OrleansStreamMessage PRIMARY KEY (ServiceId, ProviderId, QueueId, MessageId)
);

CREATE TABLE IF NOT EXISTS OrleansStreamDeadLetter
(
    ServiceId  varchar(150)   NOT NULL,
    ProviderId varchar(150)   NOT NULL,
    QueueId    varchar(150)   NOT NULL,
    MessageId  bigint         NOT NULL,
    Dequeued   integer        NOT NULL,
    VisibleOn  timestamptz(6) NOT NULL,
    ExpiresOn  timestamptz(6) NOT NULL,
    CreatedOn  timestamptz(6) NOT NULL,
    ModifiedOn timestamptz(6) NOT NULL,
    DeadOn     timestamptz(6) NOT NULL,   -- when it was given up on
    RemoveOn   timestamptz(6) NOT NULL,   -- when it may be purged
    Payload    bytea          NULL,

    CONSTRAINT PK_OrleansStreamDeadLetter PRIMARY KEY (ServiceId, ProviderId, QueueId, MessageId)
);

CREATE INDEX IF NOT EXISTS IX_OrleansStreamDeadLetter_RemoveOn
    ON OrleansStreamDeadLetter (ServiceId, ProviderId, QueueId, RemoveOn);

CREATE TABLE IF NOT EXISTS OrleansStreamControl
(
    ServiceId  varchar(150)   NOT NULL,
    ProviderId varchar(150)   NOT NULL,
    QueueId    varchar(150)   NOT NULL,
    EvictOn    timestamptz(6) NOT NULL,   -- next due eviction for this queue

    CONSTRAINT PK_OrleansStreamControl PRIMARY KEY (ServiceId, ProviderId, QueueId)
);

-- -----------------------------------------------------------------------------
-- Routines
-- -----------------------------------------------------------------------------

-- Moves up to p_batch_size dead messages of one queue to the dead letters.
-- Returns how many were moved. Rows leased by a concurrent caller are skipped.
CREATE OR REPLACE FUNCTION orleans_stream_evict_messages(
    p_service_id      text,
    p_provider_id     text,
    p_queue_id        text,
    p_batch_size      integer,
    p_max_attempts    integer,
    p_removal_timeout integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_now   timestamptz := now();
    v_moved integer;
BEGIN
    WITH victims AS (
        SELECT m.MessageId
        FROM   OrleansStreamMessage m
        WHERE  m.ServiceId  = p_service_id
          AND  m.ProviderId = p_provider_id
          AND  m.QueueId    = p_queue_id
          AND  m.VisibleOn <= v_now
          AND  (m.Dequeued >= p_max_attempts OR m.ExpiresOn <= v_now)
        ORDER BY m.MessageId
        LIMIT  p_batch_size
        FOR UPDATE SKIP LOCKED
    ), removed AS (
        DELETE FROM OrleansStreamMessage m
        USING  victims v
        WHERE  m.ServiceId  = p_service_id
          AND  m.ProviderId = p_provider_id
          AND  m.QueueId    = p_queue_id
          AND  m.MessageId  = v.MessageId
        RETURNING m.*
    ), buried AS (
        INSERT INTO OrleansStreamDeadLetter
            (ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn,
             CreatedOn, ModifiedOn, DeadOn, RemoveOn, Payload)
        SELECT ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn,
               CreatedOn, ModifiedOn, v_now, v_now + p_removal_timeout * interval '1 second', Payload
        FROM   removed
        RETURNING 1
    )
    SELECT count(*) INTO v_moved FROM buried;

    RETURN v_moved;
END
$fn$;

-- Purges up to p_batch_size dead letters of one queue whose RemoveOn passed.
CREATE OR REPLACE FUNCTION orleans_stream_evict_dead_letters(
    p_service_id  text,
    p_provider_id text,
    p_queue_id    text,
    p_batch_size  integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_deleted integer;
BEGIN
    WITH victims AS (
        SELECT d.MessageId
        FROM   OrleansStreamDeadLetter d
        WHERE  d.ServiceId  = p_service_id
          AND  d.ProviderId = p_provider_id
          AND  d.QueueId    = p_queue_id
          AND  d.RemoveOn  <= now()
        ORDER BY d.MessageId
        LIMIT  p_batch_size
        FOR UPDATE SKIP LOCKED
    ), purged AS (
        DELETE FROM OrleansStreamDeadLetter d
        USING  victims v
        WHERE  d.ServiceId  = p_service_id
          AND  d.ProviderId = p_provider_id
          AND  d.QueueId    = p_queue_id
          AND  d.MessageId  = v.MessageId
        RETURNING 1
    )
    SELECT count(*) INTO v_deleted FROM purged;

    RETURN v_deleted;
END
$fn$;

-- Leases up to p_max_count visible, unexpired messages of one queue, oldest
-- first, and runs the queue's eviction first when it is due.
CREATE OR REPLACE FUNCTION orleans_stream_get_messages(
    p_service_id          text,
    p_provider_id         text,
    p_queue_id            text,
    p_max_count           integer,
    p_max_attempts        integer,
    p_visibility_timeout  integer,
    p_removal_timeout     integer,
    p_eviction_interval   integer,
    p_eviction_batch_size integer)
RETURNS TABLE (
    o_service_id  varchar,
    o_provider_id varchar,
    o_queue_id    varchar,
    o_message_id  bigint,
    o_dequeued    integer,
    o_visible_on  timestamptz,
    o_expires_on  timestamptz,
    o_created_on  timestamptz,
    o_modified_on timestamptz,
    o_payload     bytea)
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_now       timestamptz := now();
    v_next_evict timestamptz := now() + p_eviction_interval * interval '1 second';
    v_evict_due boolean;
BEGIN
    -- Claim the eviction slot if it is due. Concurrent pollers of the same
    -- queue queue up on the control row; only the first one sees it due.
    UPDATE OrleansStreamControl c
    SET    EvictOn = v_next_evict
    WHERE  c.ServiceId  = p_service_id
      AND  c.ProviderId = p_provider_id
      AND  c.QueueId    = p_queue_id
      AND  c.EvictOn   <= v_now;
    v_evict_due := FOUND;

    IF NOT v_evict_due THEN
        -- First poll of a new queue: create its schedule and evict right away.
        INSERT INTO OrleansStreamControl (ServiceId, ProviderId, QueueId, EvictOn)
        VALUES (p_service_id, p_provider_id, p_queue_id, v_next_evict)
        ON CONFLICT (ServiceId, ProviderId, QueueId) DO NOTHING;
        v_evict_due := FOUND;
    END IF;

    IF v_evict_due THEN
        PERFORM orleans_stream_evict_messages(p_service_id, p_provider_id, p_queue_id,
                                              p_eviction_batch_size, p_max_attempts, p_removal_timeout);
        PERFORM orleans_stream_evict_dead_letters(p_service_id, p_provider_id, p_queue_id,
                                                  p_eviction_batch_size);
    END IF;

    RETURN QUERY
    WITH lease AS (
        SELECT m.MessageId
        FROM   OrleansStreamMessage m
        WHERE  m.ServiceId  = p_service_id
          AND  m.ProviderId = p_provider_id
          AND  m.QueueId    = p_queue_id
          AND  m.Dequeued   < p_max_attempts
          AND  m.VisibleOn <= v_now
          AND  m.ExpiresOn  > v_now
        ORDER BY m.MessageId
        LIMIT  p_max_count
        FOR UPDATE SKIP LOCKED
    )
    UPDATE OrleansStreamMessage m
    SET    Dequeued   = m.Dequeued + 1,
           VisibleOn  = v_now + p_visibility_timeout * interval '1 second',
           ModifiedOn = v_now
    FROM   lease l
    WHERE  m.ServiceId  = p_service_id
      AND  m.ProviderId = p_provider_id
      AND  m.QueueId    = p_queue_id
      AND  m.MessageId  = l.MessageId
    RETURNING m.ServiceId, m.ProviderId, m.QueueId, m.MessageId, m.Dequeued,
              m.VisibleOn, m.ExpiresOn, m.CreatedOn, m.ModifiedOn, m.Payload;
END
$fn$;

-- Confirms (positive receipt) or releases (negative receipt) leased messages.
CREATE OR REPLACE FUNCTION orleans_stream_confirm_messages(
    p_service_id  text,
    p_provider_id text,
    p_queue_id    text,
    p_items       text)
RETURNS TABLE (
    o_service_id  varchar,
    o_provider_id varchar,
    o_queue_id    varchar,
    o_message_id  bigint)
LANGUAGE sql
AS $fn$
    WITH items AS (
        SELECT split_part(item, ':', 1)::bigint  AS message_id,
               split_part(item, ':', 2)::integer AS receipt
        FROM   unnest(string_to_array(p_items, '|')) AS item
        WHERE  item <> ''
    ), targets AS (
        -- lock in primary-key order to avoid deadlocks with other batches
        SELECT m.MessageId, i.receipt
        FROM   OrleansStreamMessage m
        JOIN   items i
               ON  i.message_id = m.MessageId
               AND abs(i.receipt) = m.Dequeued
        WHERE  m.ServiceId  = p_service_id
          AND  m.ProviderId = p_provider_id
          AND  m.QueueId    = p_queue_id
        ORDER BY m.MessageId
        FOR UPDATE OF m
    ), confirmed AS (
        DELETE FROM OrleansStreamMessage m
        USING  targets t
        WHERE  t.receipt > 0
          AND  m.ServiceId  = p_service_id
          AND  m.ProviderId = p_provider_id
          AND  m.QueueId    = p_queue_id
          AND  m.MessageId  = t.MessageId
        RETURNING m.ServiceId, m.ProviderId, m.QueueId, m.MessageId
    ), released AS (
        UPDATE OrleansStreamMessage m
        SET    VisibleOn  = now(),
               ModifiedOn = now()
        FROM   targets t
        WHERE  t.receipt < 0
          AND  m.ServiceId  = p_service_id
          AND  m.ProviderId = p_provider_id
          AND  m.QueueId    = p_queue_id
          AND  m.MessageId  = t.MessageId
        RETURNING m.ServiceId, m.ProviderId, m.QueueId, m.MessageId
    )
    SELECT * FROM confirmed
    UNION ALL
    SELECT * FROM released;
$fn$;

-- A delivery of one message failed: retry it now if attempts remain,
-- otherwise move it to the dead letters. Returns 1 if the message was found.
CREATE OR REPLACE FUNCTION orleans_stream_fail_message(
    p_service_id      text,
    p_provider_id     text,
    p_queue_id        text,
    p_message_id      bigint,
    p_max_attempts    integer,
    p_removal_timeout integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_now  timestamptz := now();
    v_rows integer;
BEGIN
    UPDATE OrleansStreamMessage m
    SET    VisibleOn  = v_now,
           ModifiedOn = v_now
    WHERE  m.ServiceId  = p_service_id
      AND  m.ProviderId = p_provider_id
      AND  m.QueueId    = p_queue_id
      AND  m.MessageId  = p_message_id
      AND  m.Dequeued   < p_max_attempts;

    IF FOUND THEN
        RETURN 1;
    END IF;

    WITH removed AS (
        DELETE FROM OrleansStreamMessage m
        WHERE  m.ServiceId  = p_service_id
          AND  m.ProviderId = p_provider_id
          AND  m.QueueId    = p_queue_id
          AND  m.MessageId  = p_message_id
        RETURNING m.*
    ), buried AS (
        INSERT INTO OrleansStreamDeadLetter
            (ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn,
             CreatedOn, ModifiedOn, DeadOn, RemoveOn, Payload)
        SELECT ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn,
               CreatedOn, ModifiedOn, v_now, v_now + p_removal_timeout * interval '1 second', Payload
        FROM   removed
        RETURNING 1
    )
    SELECT count(*) INTO v_rows FROM buried;

    RETURN v_rows;
END
$fn$;

-- -----------------------------------------------------------------------------
-- Query catalogue
-- -----------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('QueueStreamMessageKey', $q$
INSERT INTO OrleansStreamMessage
    (ServiceId, ProviderId, QueueId, MessageId, Dequeued,
     VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, Payload)
VALUES
    (@ServiceId, @ProviderId, @QueueId, nextval('orleansstreammessagesequence'), 0,
     now(), now() + @ExpiryTimeout * interval '1 second', now(), now(), @Payload)
RETURNING ServiceId, ProviderId, QueueId, MessageId;
$q$),

('GetStreamMessagesKey', $q$
SELECT o_service_id AS ServiceId, o_provider_id AS ProviderId, o_queue_id AS QueueId,
       o_message_id AS MessageId, o_dequeued AS Dequeued, o_visible_on AS VisibleOn,
       o_expires_on AS ExpiresOn, o_created_on AS CreatedOn, o_modified_on AS ModifiedOn,
       o_payload AS Payload
FROM orleans_stream_get_messages(
    @ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts,
    @VisibilityTimeout, @RemovalTimeout, @EvictionInterval, @EvictionBatchSize);
$q$),

('ConfirmStreamMessagesKey', $q$
SELECT o_service_id AS ServiceId, o_provider_id AS ProviderId, o_queue_id AS QueueId,
       o_message_id AS MessageId
FROM orleans_stream_confirm_messages(@ServiceId, @ProviderId, @QueueId, @Items);
$q$),

('FailStreamMessageKey', $q$
SELECT orleans_stream_fail_message(
    @ServiceId, @ProviderId, @QueueId, @MessageId, @MaxAttempts, @RemovalTimeout) AS row_count;
$q$),

('EvictStreamMessagesKey', $q$
SELECT orleans_stream_evict_messages(
    @ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts, @RemovalTimeout) AS row_count;
$q$),

('EvictStreamDeadLettersKey', $q$
SELECT orleans_stream_evict_dead_letters(
    @ServiceId, @ProviderId, @QueueId, @MaxCount) AS row_count;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

