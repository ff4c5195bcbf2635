-- db-scheduler's table (the PostgreSQL schema of db-scheduler 16): one row per scheduled execution.
-- Picked rows carry a heartbeat; a row whose heartbeat stops is revived by another worker.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Asynchronous moderation jobs (video, voice, image async): the job's own state; db-scheduler only
-- says when to run it. QUEUED -> PROCESSING -> (REVIEWING) -> DONE, or CANCELLED / FAILED with a code.
create table moderation_jobs (
    task_id        text primary key,
    tenant_id      bigint      not null,
    kind           text        not null check (kind in ('text', 'image', 'video', 'voice')),
    biz_type       text,
    data_id        text,
    url            text,
    blob_key       text,
    params         jsonb       not null default '{}',
    state          text        not null check (state in ('QUEUED', 'PROCESSING', 'REVIEWING', 'DONE', 'CANCELLED', 'FAILED')),
    attempts       integer     not null default 0,
    progress       jsonb,
    result         jsonb,
    suggestion     text,
    failure_code   integer,
    failure_msg    text,
    callback_url   text,
    callback_seed_cipher bytea,
    crypt_type     text,
    result_format  text,
    created_at     timestamptz not null,
    started_at     timestamptz,
    finished_at    timestamptz
);
create index moderation_jobs_tenant on moderation_jobs (tenant_id, created_at);
create index moderation_jobs_finished on moderation_jobs (finished_at) where finished_at is not null;
