-- Corrections sent through /green/{image,video}/feedback, with the library entries they added.
create table feedback (
    id          bigserial primary key,
    tenant_id   bigint      not null references tenants (id),
    kind        text        not null check (kind in ('image', 'video')),
    task_id     text,
    data_id     text,
    url         text,
    suggestion  text        not null check (suggestion in ('pass', 'block')),
    scenes      text[]      not null,
    label       text,
    note        text,
    library_id  bigint      references libraries (id) on delete set null,
    entry_ids   bigint[]    not null,
    created_at  timestamptz not null default now()
);
create index feedback_tenant on feedback (tenant_id, created_at);
