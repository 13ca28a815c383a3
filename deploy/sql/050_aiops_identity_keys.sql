-- Keys of the embedded OAuth2/OIDC issuer, shared by every silo of a cluster so a token issued by one silo is
-- accepted by all. The key material is protected with ASP.NET Core Data Protection before it is stored. Idempotent.

CREATE TABLE IF NOT EXISTS aiops_identity_keys
(
    purpose    text        NOT NULL,
    protected  text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT aiops_identity_keys_pk PRIMARY KEY (purpose)
);
