-- Tenants, their access keys and the users of the service.
create table tenants (
    id             bigserial primary key,
    uid            bigint      not null unique,
    name           text        not null,
    created_at     timestamptz not null default now()
);

create table access_keys (
    access_key_id text primary key,
    tenant_id     bigint      not null references tenants (id),
    -- AES-256-GCM ciphertext of the secret (12-byte IV || ciphertext+tag) under the master key
    secret_cipher bytea       not null,
    enabled       boolean     not null default true,
    created_at    timestamptz not null default now()
);
create index access_keys_tenant on access_keys (tenant_id);

create table users (
    id            bigserial primary key,
    username      text        not null unique,
    password_hash text        not null,
    tenant_id     bigint references tenants (id),
    roles         text[]      not null,
    created_at    timestamptz not null default now()
);

-- Tenants a reviewer may work on; a reviewer with no rows here is unrestricted.
create table user_tenants (
    user_id   bigint not null references users (id) on delete cascade,
    tenant_id bigint not null references tenants (id),
    primary key (user_id, tenant_id)
);
