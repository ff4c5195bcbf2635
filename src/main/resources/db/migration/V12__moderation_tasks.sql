-- Tasks that need a durable row: escalated machine scans (human-machine) and human-only tasks.
-- Passed synchronous scans are not stored.
create table moderation_tasks (
    task_id        text primary key,
    tenant_id      bigint      not null,
    kind           text        not null check (kind in ('text', 'image', 'video', 'voice')),
    mode           text        not null check (mode in ('HUMAN_MACHINE', 'HUMAN_ONLY')),
    data_id        text,
    biz_type       text,
    content        text,
    url            text,
    machine_result jsonb,
    audit_result   jsonb,
    status         text        not null check (status in ('REVIEWING', 'DONE', 'CANCELLED')),
    callback_url   text,
    callback_seed  text,
    crypt_type     text,
    created_at     timestamptz not null,
    completed_at   timestamptz
);
create index moderation_tasks_tenant on moderation_tasks (tenant_id, created_at);
