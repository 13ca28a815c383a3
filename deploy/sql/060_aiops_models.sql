-- Trained ML models (IModelStore): one row per version of each model, with the cross-validated metrics it was measured
-- at when trained and the serialized model. Versions count up per name from 1; the store assigns the next one under a
-- transaction-scoped advisory lock on the name, and the primary key refuses a duplicate if anything else writes here.
-- Rows are never updated. Idempotent.

CREATE TABLE IF NOT EXISTS aiops_models
(
    name       text COLLATE "C" NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    version    integer     NOT NULL CHECK (version > 0),
    trained_at timestamptz NOT NULL,
    trainer    text        NOT NULL,
    examples   integer     NOT NULL CHECK (examples >= 0),
    -- ModelMetrics as JSON: folds, accuracy, macroPrecision, macroRecall, classes[{label, precision, recall, support}].
    metrics    jsonb       NOT NULL,
    model      bytea       NOT NULL,
    CONSTRAINT aiops_models_pk PRIMARY KEY (name, version)
);
