-- Review queue: a current-status row per item plus an append-only event log, written in one transaction.
create table review_items (
    id               bigserial primary key,
    tenant_id        bigint      not null,
    task_id          text        not null,
    kind             text        not null,
    -- what reviewers see: the content snapshot (text or media reference) and the machine's findings
    content          jsonb       not null,
    criteria         text        not null default '',
    allowed_labels   text[]      not null,
    priority         integer     not null default 0,
    deadline         timestamptz not null,
    required_reviews integer     not null default 1,
    status           text        not null check (status in ('PENDING', 'ESCALATED', 'DECIDED', 'WITHDRAWN')),
    claimed_by       bigint,
    lease_until      timestamptz,
    final_suggestion text,
    final_labels     text[],
    final_note       text,
    decided_at       timestamptz,
    created_at       timestamptz not null,
    unique (task_id)
);
-- the claim query walks this index in queue order and skips locked and leased rows
create index review_items_queue on review_items (deadline, priority desc, id) where status = 'PENDING';
create index review_items_escalated on review_items (deadline, priority desc, id) where status = 'ESCALATED';
create index review_items_holder on review_items (claimed_by) where claimed_by is not null;

create table review_decisions (
    item_id     bigint      not null references review_items (id),
    reviewer_id bigint      not null,
    suggestion  text        not null,
    labels      text[]      not null,
    note        text,
    lead        boolean     not null default false,
    decided_at  timestamptz not null,
    primary key (item_id, reviewer_id)
);

create table review_events (
    id       bigserial primary key,
    item_id  bigint      not null references review_items (id),
    type     text        not null,
    actor    bigint,
    payload  jsonb,
    at       timestamptz not null
);
create index review_events_item on review_events (item_id, id);
