-- AIOps resource catalog: the listing fields of every managed resource, one row each, so lists, filters, pages and
-- cost reports never activate the resource grains. The grains write their row after every stored change; the
-- version guard lives in the upsert (an older version never replaces a newer one). Idempotent.

CREATE TABLE IF NOT EXISTS aiops_resource_catalog
(
    -- "C" collation: ids sort by code point, as in the embedded mode, and the primary key serves ORDER BY id.
    id            text COLLATE "C" NOT NULL,
    provider      text        NOT NULL,
    kind          text        NOT NULL,
    name          text        NOT NULL,
    location      text        NOT NULL,
    team          text        NULL,
    environment   text        NULL,
    health        text        NOT NULL,
    cost_per_hour numeric     NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL,
    CONSTRAINT aiops_resource_catalog_pk PRIMARY KEY (id),
    CONSTRAINT aiops_resource_catalog_health_ck CHECK (health IN ('unknown', 'healthy', 'degraded', 'unhealthy')),
    CONSTRAINT aiops_resource_catalog_cost_ck CHECK (cost_per_hour >= 0)
);

-- Each filter, ending in id so a filtered page comes out of the index in order.
CREATE INDEX IF NOT EXISTS aiops_resource_catalog_provider_ix ON aiops_resource_catalog (provider, kind, id);
CREATE INDEX IF NOT EXISTS aiops_resource_catalog_kind_ix ON aiops_resource_catalog (kind, id);
CREATE INDEX IF NOT EXISTS aiops_resource_catalog_team_ix ON aiops_resource_catalog (team, id);
CREATE INDEX IF NOT EXISTS aiops_resource_catalog_environment_ix ON aiops_resource_catalog (environment, id);
CREATE INDEX IF NOT EXISTS aiops_resource_catalog_health_ix ON aiops_resource_catalog (health, id);
-- The most expensive resources of the cost report.
CREATE INDEX IF NOT EXISTS aiops_resource_catalog_cost_ix ON aiops_resource_catalog (cost_per_hour DESC, id);

-- Name/id "contains" searches use trigram indexes when pg_trgm can be installed (it ships with PostgreSQL's contrib
-- modules and is a trusted extension). Without it the search still works, by scanning.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%); resource searches by name scan the catalog', SQLERRM;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX IF NOT EXISTS aiops_resource_catalog_name_trgm_ix ON aiops_resource_catalog USING gin (lower(name) gin_trgm_ops)';
        EXECUTE 'CREATE INDEX IF NOT EXISTS aiops_resource_catalog_id_trgm_ix ON aiops_resource_catalog USING gin (lower(id) gin_trgm_ops)';
    END IF;
END
$$;
