-- Nonces of signed Green requests, when vetter.green.nonce-store=database (shared by all nodes).
-- Unlogged: cheap to write; a database crash forgets at most the nonces of the last window.
create unlogged table green_nonces (
    fingerprint bigint primary key,
    expires_at  timestamptz not null
);
create index green_nonces_expiry on green_nonces (expires_at);
