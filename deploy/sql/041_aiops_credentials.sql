-- Cloud and tool credentials (CredentialVault): one row per credential, the current version only.
-- payload holds the secret fields encrypted by Data Protection (purpose 'AIOps.Credentials.v1' plus the name, so a
-- payload copied onto another row does not decrypt); everything else is non-secret metadata for listing.
-- Rotation overwrites payload and increments version: earlier secrets are not kept. Idempotent.

CREATE TABLE IF NOT EXISTS aiops_credentials
(
    name          text        NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    kind          text        NOT NULL,
    team          text,
    description   text,
    attributes    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    secret_fields text[]      NOT NULL,
    payload       bytea       NOT NULL,
    version       integer     NOT NULL CHECK (version > 0),
    created_at    timestamptz NOT NULL,
    created_by    text        NOT NULL,
    rotated_at    timestamptz,
    rotated_by    text,
    CONSTRAINT aiops_credentials_pk PRIMARY KEY (name)
);

CREATE INDEX IF NOT EXISTS aiops_credentials_team_ix ON aiops_credentials (team, name);
