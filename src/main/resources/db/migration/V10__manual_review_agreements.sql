-- The paid manual review service, switched on per tenant by an operator, with the agreement recorded.
create table manual_review_agreements (
    tenant_id        bigint primary key references tenants (id),
    enabled          boolean     not null default false,
    daily_volume     integer     not null default 0,
    -- turnaround target in minutes per content kind: {"text": 60, "image": 60, "video": 240, "voice": 240}
    sla_minutes      jsonb       not null,
    criteria         text        not null default '',
    labels           text[]      not null,
    required_reviews integer     not null default 1 check (required_reviews between 1 and 2),
    updated_at       timestamptz not null default now()
);
