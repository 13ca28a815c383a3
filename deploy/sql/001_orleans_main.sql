-- =============================================================================
-- AIOps - Orleans ADO.NET schema, part 1: the query catalogue.
--
-- Target: PostgreSQL 15, Microsoft Orleans 10.4.2 ADO.NET providers (Npgsql).
-- Run order: 001 -> 002 -> 003 -> 004 -> 005. Every script is idempotent: it can
-- be applied any number of times to the same database and never drops data.
--
-- How the providers use the database
-- ----------------------------------
-- * On start-up each Orleans ADO.NET provider runs
--       SELECT QueryKey, QueryText FROM OrleansQuery
--   and from then on executes ONLY the SQL text stored under the keys it knows.
--   The clustering, reminder and streaming providers refuse to start when one
--   of their keys is missing; the persistence provider needs three keys and
--   reads one more (DeleteStorageKey) when DeleteStateOnClear is enabled.
-- * Parameters are bound by name (@Name in the stored text; Npgsql rewrites them
--   to positional parameters). Result columns are read by name; Npgsql matches
--   names case-insensitively, so PostgreSQL's folding of unquoted identifiers to
--   lower case is harmless. All identifiers in these scripts are unquoted.
-- * Queries that report success/failure return exactly one row with one
--   integer column: >0 means success, 0 means "not applied" (e.g. a stale
--   version/etag). Errors are raised only for genuine faults.
--
-- Conventions used by scripts 002-005
-- -----------------------------------
-- * Tables/indexes: CREATE ... IF NOT EXISTS. Routines: CREATE OR REPLACE.
-- * Query texts: INSERT INTO OrleansQuery ... ON CONFLICT (QueryKey) DO UPDATE,
--   so re-running a script refreshes the text to the version in the repo.
-- * Scripts hold no BEGIN/COMMIT: the silo's migrator (AIOps.Hosting.SchemaMigrator,
--   also run by `AIOps.Silo migrate`) runs each one in a transaction under an
--   advisory lock, so hosts applying the schema at the same time serialise.
--   By hand: psql -1 -v ON_ERROR_STOP=1 -f <script> (one transaction per script).
-- * Routines owned by this project are prefixed "orleans_" so they cannot clash
--   with routines created by the upstream Orleans scripts.
-- =============================================================================



-- Catalogue of the SQL text the Orleans providers execute, keyed by the name
-- the provider looks up. Shape is fixed by Orleans: the providers read the two
-- columns QueryKey and QueryText.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

COMMENT ON TABLE OrleansQuery IS
    'Orleans ADO.NET provider query catalogue (AIOps deploy/sql). Rows are (re)written by deploy/sql/00N_orleans_*.sql.';

