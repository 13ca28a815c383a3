-- =============================================================================
-- AIOps - Orleans ADO.NET schema, part 2: cluster membership.
--
-- For Microsoft.Orleans.Clustering.AdoNet 10.4.2 (silo membership table and the
-- client gateway list provider). Requires 001_orleans_main.sql. Idempotent.
--
-- Model
-- -----
-- * OrleansMembershipVersionTable holds one row per cluster (DeploymentId =
--   ClusterOptions.ClusterId). Its Version is the table-wide etag: every change
--   to a membership row must bump it, and a writer holding a stale Version
--   loses (returns 0) without changing anything.
-- * OrleansMembershipTable holds one row per silo incarnation, keyed by
--   (DeploymentId, Address, Port, Generation).
-- * Status is Orleans' SiloStatus: 0 None, 1 Created, 2 Joining, 3 Active,
--   4 ShuttingDown, 5 Stopping, 6 Dead.
-- * SuspectTimes is Orleans' own text encoding of the suspicion votes
--   ("silo,date|silo,date"); it is stored and returned verbatim.
-- * IAmAliveTime only ever moves forward (GREATEST), so a late heartbeat or
--   a write carrying an older timestamp cannot make a silo look older.
--
-- Query keys written here (parameters -> result):
--   InsertMembershipVersionKey      @DeploymentId -> 1 int column (1 = created)
--   InsertMembershipKey             @DeploymentId @Address @Port @Generation
--                                   @SiloName @HostName @Status @ProxyPort
--                                   @StartTime @IAmAliveTime @Version
--                                   -> 1 int column (1 = inserted)
--   UpdateMembershipKey             @DeploymentId @Address @Port @Generation
--                                   @Status @SuspectTimes @IAmAliveTime @Version
--                                   -> 1 int column (1 = updated)
--   UpdateIAmAlivetimeKey           @DeploymentId @Address @Port @Generation
--                                   @IAmAliveTime -> nothing
--   MembershipReadRowKey            @DeploymentId @Address @Port @Generation
--   MembershipReadAllKey            @DeploymentId
--       -> DeploymentId, Address, Port, Generation, SiloName, HostName, Status,
--          ProxyPort, SuspectTimes, StartTime, IAmAliveTime, Version
--          (the version row is always returned; the silo columns are NULL
--           when no silo row matches)
--   GatewaysQueryKey                @DeploymentId @Status -> Address, ProxyPort, Generation
--   DeleteMembershipTableEntriesKey @DeploymentId -> nothing
--   CleanupDefunctSiloEntriesKey    @DeploymentId @IAmAliveTime -> nothing
--   CleanupDefunctSiloEntryKey      @DeploymentId @Address @Port @Generation
--                                   @StartTime @IAmAliveTime @SuspectTimes -> nothing
--   (CleanupDefunctSiloEntryKey is optional for the provider: when present,
--    10.4.2 reads all rows and deletes eligible Dead rows one by one through it,
--    instead of using the bulk CleanupDefunctSiloEntriesKey.)
-- =============================================================================



-- -----------------------------------------------------------------------------
-- Tables
-- -----------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,  -- textual IPv4/IPv6 address
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,      -- gateway port, 0 when not a gateway
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- -----------------------------------------------------------------------------
-- Routines
-- -----------------------------------------------------------------------------

-- Creates the version row of a cluster if it does not exist yet.
-- Returns 1 when this call created it, 0 when it already existed.
CREATE OR REPLACE FUNCTION orleans_membership_insert_version(p_deployment_id text)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer;
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (p_deployment_id)
    ON CONFLICT (DeploymentId) DO NOTHING;

    GET DIAGNOSTICS v_rows = ROW_COUNT;
    RETURN v_rows;
END
$fn$;

-- Adds a silo row, conditional on the caller's view of the table version.
-- Step 1 bumps the version only if it still equals p_version; step 2 inserts
-- the silo row. If the row already exists the bump is undone (the inner block
-- is a sub-transaction that is rolled back by the raised error) and 0 is
-- returned, so a lost race leaves the table exactly as it was.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id text,
    p_address       text,
    p_port          integer,
    p_generation    integer,
    p_silo_name     text,
    p_host_name     text,
    p_status        integer,
    p_proxy_port    integer,
    p_start_time    timestamptz,
    p_i_am_alive    timestamptz,
    p_version       integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET    Timestamp = now(),
               Version   = Version + 1
        WHERE  DeploymentId = p_deployment_id
          AND  Version      = p_version
          AND  Version      < 2147483647;   -- never overflow the int etag

        GET DIAGNOSTICS v_rows = ROW_COUNT;
        IF v_rows = 0 THEN
            RETURN 0;                       -- stale version: nothing changed
        END IF;

        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName,
             Status, ProxyPort, StartTime, IAmAliveTime)
        VALUES
            (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
             p_status, p_proxy_port, p_start_time, p_i_am_alive)
        ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;

        GET DIAGNOSTICS v_rows = ROW_COUNT;
        IF v_rows = 0 THEN
            RAISE EXCEPTION 'membership row already exists' USING ERRCODE = 'OR409';
        END IF;

        RETURN 1;
    EXCEPTION
        WHEN SQLSTATE 'OR409' THEN
            RETURN 0;                       -- version bump rolled back with the block
    END;
END
$fn$;

-- Updates a silo row (status, suspicion votes, liveness), conditional on the
-- caller's view of the table version; same all-or-nothing rule as insert.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id text,
    p_address       text,
    p_port          integer,
    p_generation    integer,
    p_status        integer,
    p_suspect_times text,
    p_i_am_alive    timestamptz,
    p_version       integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET    Timestamp = now(),
               Version   = Version + 1
        WHERE  DeploymentId = p_deployment_id
          AND  Version      = p_version
          AND  Version      < 2147483647;

        GET DIAGNOSTICS v_rows = ROW_COUNT;
        IF v_rows = 0 THEN
            RETURN 0;
        END IF;

        UPDATE OrleansMembershipTable
        SET    Status       = p_status,
               SuspectTimes = p_suspect_times,
               IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive)
        WHERE  DeploymentId = p_deployment_id
          AND  Address      = p_address
          AND  Port         = p_port
          AND  Generation   = p_generation;

        GET DIAGNOSTICS v_rows = ROW_COUNT;
        IF v_rows = 0 THEN
            RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'OR404';
        END IF;

        RETURN 1;
    EXCEPTION
        WHEN SQLSTATE 'OR404' THEN
            RETURN 0;
    END;
END
$fn$;

-- -----------------------------------------------------------------------------
-- Query catalogue
-- -----------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('InsertMembershipVersionKey', $q$
SELECT orleans_membership_insert_version(@DeploymentId) AS row_count;
$q$),

('InsertMembershipKey', $q$
SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS row_count;
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS row_count;
$q$),

-- Heartbeat; not versioned and never reported as failed by Orleans.
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
SET    IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
WHERE  DeploymentId = @DeploymentId
  AND  Address      = @Address
  AND  Port         = @Port
  AND  Generation   = @Generation;
$q$),

-- The LEFT JOIN keeps the version row in the result even when the silo row
-- does not exist: Orleans needs the table version in every read.
('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
       m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM   OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
       ON  m.DeploymentId = v.DeploymentId
       AND m.Address      = @Address
       AND m.Port         = @Port
       AND m.Generation   = @Generation
WHERE  v.DeploymentId = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
       m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM   OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
       ON  m.DeploymentId = v.DeploymentId
WHERE  v.DeploymentId = @DeploymentId;
$q$),

-- Orleans passes @Status = 3 (Active): the live gateways of the cluster.
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
FROM   OrleansMembershipTable
WHERE  DeploymentId = @DeploymentId
  AND  Status       = @Status
  AND  ProxyPort    > 0;
$q$),

-- Wipes a whole cluster (used by tests/tooling). Silo rows first (FK).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipTable        WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),

-- Bulk fallback: remove Dead rows (6) that stopped heart-beating, started
-- before the cutoff and carry no suspicion votes.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
WHERE  DeploymentId = @DeploymentId
  AND  Status       = 6
  AND  IAmAliveTime < @IAmAliveTime
  AND  StartTime    < @IAmAliveTime
  AND  COALESCE(SuspectTimes, '') = '';
$q$),

-- Per-row cleanup: deletes one Dead row only if it still holds exactly the
-- values the provider just read (compare-and-delete), so a concurrent update
-- of that row makes the delete a no-op instead of losing the update.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM OrleansMembershipTable
WHERE  DeploymentId = @DeploymentId
  AND  Address      = @Address
  AND  Port         = @Port
  AND  Generation   = @Generation
  AND  Status       = 6
  AND  StartTime    = @StartTime
  AND  IAmAliveTime = @IAmAliveTime
  AND  COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

