-- =============================================================================
-- AIOps - Orleans ADO.NET schema, part 3: grain state storage.
--
-- For Microsoft.Orleans.Persistence.AdoNet 10.4.2 (AdoNetGrainStorage).
-- Requires 001_orleans_main.sql. Idempotent.
--
-- Model
-- -----
-- * One row per (ServiceId, grain type, grain id) holds the serialized state
--   (PayloadBinary) and an integer Version that is the grain's ETag.
-- * The grain id arrives pre-split by Orleans: GrainIdN0/GrainIdN1 carry a
--   Guid or integer key, GrainIdExtensionString the key extension or the
--   string key (NULL when there is none). GrainIdHash and GrainTypeHash are
--   Orleans-computed 32-bit hashes used as the leading, selective index keys.
-- * Optimistic concurrency: a write/clear/delete only applies when the caller's
--   @GrainStateVersion equals the stored Version. Orleans detects a conflict
--   from the returned value:
--     - write:  returns the new Version on success; on conflict returns the
--               caller's version unchanged (update) or NULL (insert);
--     - clear:  returns the new Version; no row on conflict;
--     - delete: returns old Version + 1 (any value different from the ETag);
--               no row on conflict.
--   A NULL @GrainStateVersion means "never read/written": only an insert of
--   version 1 is allowed, and only if no row exists for the grain.
-- * Clearing keeps the row (PayloadBinary NULL, Version bumped) so the version
--   sequence is never reused; DeleteStorageKey (used only when the provider's
--   DeleteStateOnClear option is true) removes the row instead.
--
-- Query keys written here (parameters -> result):
--   ReadFromStorageKey  @GrainIdHash @GrainIdN0 @GrainIdN1 @GrainTypeHash
--                       @GrainTypeString @GrainIdExtensionString @ServiceId
--                       -> PayloadBinary, Version (zero or one row)
--   WriteToStorageKey   same + @GrainStateVersion @PayloadBinary
--                       -> NewGrainStateVersion
--   ClearStorageKey     same as read + @GrainStateVersion -> NewGrainStateVersion
--   DeleteStorageKey    same as read + @GrainStateVersion -> NewGrainStateVersion
-- =============================================================================



-- -----------------------------------------------------------------------------
-- Table
-- -----------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NULL
);

-- One row per grain state. The long text parts of the key are folded through
-- md5() to keep index entries small; NULL and '' extensions stay distinct.
-- This index also serves every lookup (its leading columns are the hashes).
-- Unlike upstream (which relies on INSERT ... WHERE NOT EXISTS only), it makes
-- two concurrent first writes of the same grain impossible to both succeed.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (
        GrainIdHash,
        GrainTypeHash,
        GrainIdN0,
        GrainIdN1,
        md5(ServiceId),
        md5(GrainTypeString),
        (GrainIdExtensionString IS NULL),
        md5(COALESCE(GrainIdExtensionString, ''))
    );

-- -----------------------------------------------------------------------------
-- Write path
-- -----------------------------------------------------------------------------

-- Earlier versions of this script wrote through a PL/pgSQL function. Npgsql resets pooled connections with
-- DISCARD ALL, which drops PL/pgSQL's cached plans, so the function re-planned its statements on every call
-- and cost about half of PostgreSQL's CPU on the write path. WriteToStorageKey is now one plain statement.
DROP FUNCTION IF EXISTS orleans_storage_write(integer, bigint, bigint, integer, text, text, text, integer, bytea);

-- -----------------------------------------------------------------------------
-- Query catalogue
-- -----------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM   OrleansStorage
WHERE  GrainIdHash     = @GrainIdHash
  AND  GrainTypeHash   = @GrainTypeHash
  AND  GrainIdN0       = @GrainIdN0
  AND  GrainIdN1       = @GrainIdN1
  AND  GrainTypeString = @GrainTypeString
  AND  GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND  ServiceId       = @ServiceId;
$q$),

('WriteToStorageKey', $q$
-- Read before (@GrainStateVersion set): replace the row if nobody wrote in between; an unchanged version in the
-- result tells Orleans the write did not happen. First write (@GrainStateVersion NULL): insert version 1; the
-- unique index turns a lost race, or a row that exists already, into NULL, which Orleans reads as a conflict.
WITH updated AS (
    UPDATE OrleansStorage
    SET    PayloadBinary = @PayloadBinary,
           ModifiedOn    = now(),
           Version       = Version + 1
    WHERE  @GrainStateVersion IS NOT NULL
      AND  GrainIdHash     = @GrainIdHash
      AND  GrainTypeHash   = @GrainTypeHash
      AND  GrainIdN0       = @GrainIdN0
      AND  GrainIdN1       = @GrainIdN1
      AND  GrainTypeString = @GrainTypeString
      AND  GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND  ServiceId       = @ServiceId
      AND  Version         = @GrainStateVersion
    RETURNING Version
), inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
    WHERE  @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
)
SELECT COALESCE((SELECT Version FROM updated), (SELECT Version FROM inserted), @GrainStateVersion) AS NewGrainStateVersion;
$q$),

('ClearStorageKey', $q$
UPDATE OrleansStorage
SET    PayloadBinary = NULL,
       ModifiedOn    = now(),
       Version       = Version + 1
WHERE  GrainIdHash     = @GrainIdHash
  AND  GrainTypeHash   = @GrainTypeHash
  AND  GrainIdN0       = @GrainIdN0
  AND  GrainIdN1       = @GrainIdN1
  AND  GrainTypeString = @GrainTypeString
  AND  GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND  ServiceId       = @ServiceId
  AND  Version         = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
$q$),

('DeleteStorageKey', $q$
DELETE FROM OrleansStorage
WHERE  GrainIdHash     = @GrainIdHash
  AND  GrainTypeHash   = @GrainTypeHash
  AND  GrainIdN0       = @GrainIdN0
  AND  GrainIdN1       = @GrainIdN1
  AND  GrainTypeString = @GrainTypeString
  AND  GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND  ServiceId       = @ServiceId
  AND  Version         = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

