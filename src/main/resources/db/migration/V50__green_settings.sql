-- Per-tenant settings of the Alibaba-compatible adapters (Green API 1.0 and 2.0), owned by the api module.
-- require_nonce: refuse signed requests without x-acs-signature-nonce / SignatureNonce (no replay within the
-- Date window is possible then); off by default because Alibaba's Python SDK core sends no nonce.
create table green_settings (
    tenant_id     bigint primary key references tenants (id) on delete cascade,
    require_nonce boolean not null default false,
    updated_at    timestamptz not null default now()
);
