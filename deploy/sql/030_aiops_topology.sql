-- AIOps resource topology: one row per dependency (resource_id depends on depends_on).
-- Kept out of grain state because a shared resource can have very many dependents. Idempotent.

CREATE TABLE IF NOT EXISTS aiops_resource_edges
(
    resource_id text NOT NULL,
    depends_on  text NOT NULL,
    CONSTRAINT aiops_resource_edges_pk PRIMARY KEY (resource_id, depends_on)
);

-- Dependents of a resource (blast radius, topology) are looked up by the target of the edge.
CREATE INDEX IF NOT EXISTS aiops_resource_edges_depends_on_ix ON aiops_resource_edges (depends_on, resource_id);
