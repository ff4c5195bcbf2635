-- Custom libraries and bizType policies.
create table libraries (
    id         bigserial primary key,
    tenant_id  bigint      not null references tenants (id),
    name       text        not null,
    kind       text        not null check (kind in ('TEXT', 'IMAGE')),
    action     text        not null check (action in ('BLOCK', 'REVIEW', 'PASS')),
    created_at timestamptz not null default now(),
    unique (tenant_id, name)
);

create table library_entries (
    id         bigserial primary key,
    library_id bigint      not null references libraries (id) on delete cascade,
    term       text        not null,
    created_at timestamptz not null default now(),
    unique (library_id, term)
);

create table biz_types (
    tenant_id  bigint      not null references tenants (id),
    name       text        not null,
    policy     jsonb       not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, name)
);

-- Bumped in the transaction of every change to a tenant's libraries or bizTypes; nodes compare it to
-- their cached compiled policies.
create table policy_versions (
    tenant_id bigint primary key references tenants (id),
    version   bigint not null
);
