-- ASP.NET Core Data Protection key ring shared by every silo of the cluster (PostgresXmlRepository).
-- One row per XML element Data Protection stores: keys ('key-<guid>') and revocations. The XML is what Data
-- Protection writes; with AIOps:DataProtection:CertificatePath set the key material inside it is encrypted to
-- that certificate, otherwise it is plain and the database's access control is all that guards it.
-- Rows are only inserted (ON CONFLICT DO NOTHING), so silos starting together cannot clash. Idempotent.

CREATE TABLE IF NOT EXISTS aiops_dataprotection_keys
(
    friendly_name text        NOT NULL,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT aiops_dataprotection_keys_pk PRIMARY KEY (friendly_name)
);
