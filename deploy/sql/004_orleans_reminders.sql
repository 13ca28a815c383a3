-- =============================================================================
-- AIOps - Orleans ADO.NET schema, part 4: reminders.
--
-- For Microsoft.Orleans.Reminders.AdoNet 10.4.2 (AdoNetReminderTable).
-- Requires 001_orleans_main.sql. Idempotent.
--
-- Model
-- -----
-- * One row per (ServiceId, GrainId, ReminderName). GrainId is Orleans'
--   textual GrainId ("type/key"); GrainHash is its uniform 32-bit hash, bound
--   as a signed int, used to hand out hash ranges to silos.
-- * Period is in milliseconds (bound as int or bigint depending on size).
-- * Version is the reminder's ETag: 0 on first insert, +1 on every upsert;
--   a delete only succeeds with the current Version.
-- * Range reads: Orleans picks ReadRangeRows1Key when (int)begin < (int)end
--   (the range (begin, end] does not wrap) and ReadRangeRows2Key otherwise
--   (wrapping range, including begin = end meaning "the whole ring").
--
-- Query keys written here (parameters -> result):
--   ReadReminderRowsKey   @ServiceId @GrainId                 -> reminder rows
--   ReadReminderRowKey    @ServiceId @GrainId @ReminderName   -> reminder rows
--   ReadRangeRows1Key     @ServiceId @BeginHash @EndHash      -> reminder rows
--   ReadRangeRows2Key     @ServiceId @BeginHash @EndHash      -> reminder rows
--       reminder rows = GrainId, ReminderName, StartTime, Period, Version
--   UpsertReminderRowKey  @ServiceId @GrainHash @GrainId @ReminderName
--                         @StartTime @Period                  -> Version
--   DeleteReminderRowKey  @ServiceId @GrainId @ReminderName @Version
--                         -> 1 int column (1 = deleted, 0 = missing/stale)
--   DeleteReminderRowsKey @ServiceId                          -> nothing
-- =============================================================================



-- -----------------------------------------------------------------------------
-- Table
-- -----------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(512)   NOT NULL,  -- upstream uses 150; wider is compatible
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,

    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName
        PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Serves the hash-range scans every silo runs for its share of the ring.
CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- -----------------------------------------------------------------------------
-- Query catalogue (plain SQL, no routines needed)
-- -----------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM   OrleansRemindersTable
WHERE  ServiceId = @ServiceId
  AND  GrainId   = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM   OrleansRemindersTable
WHERE  ServiceId    = @ServiceId
  AND  GrainId      = @GrainId
  AND  ReminderName = @ReminderName;
$q$),

-- Non-wrapping hash range (begin, end].
('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM   OrleansRemindersTable
WHERE  ServiceId = @ServiceId
  AND  GrainHash > @BeginHash
  AND  GrainHash <= @EndHash;
$q$),

-- Wrapping hash range: (begin, max] plus [min, end].
('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM   OrleansRemindersTable
WHERE  ServiceId = @ServiceId
  AND  (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),

-- Insert with Version 0, or replace the schedule and bump Version.
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET    StartTime = EXCLUDED.StartTime,
       Period    = EXCLUDED.Period,
       GrainHash = EXCLUDED.GrainHash,
       Version   = r.Version + 1
RETURNING r.Version AS Version;
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
    WHERE  ServiceId    = @ServiceId
      AND  GrainId      = @GrainId
      AND  ReminderName = @ReminderName
      AND  Version      = @Version
    RETURNING 1
)
SELECT count(*)::integer AS row_count FROM deleted;
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable
WHERE  ServiceId = @ServiceId;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

