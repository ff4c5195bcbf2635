-- The review log is append-only: the database itself refuses changing or removing an event, whoever asks.
create function review_events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'review_events is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end $$;
create trigger review_events_no_update_or_delete
    before update or delete on review_events
    for each statement execute function review_events_append_only();
create trigger review_events_no_truncate
    before truncate on review_events
    for each statement execute function review_events_append_only();

-- Retention purges walk these (finished rows only, oldest first).
create index moderation_tasks_finished on moderation_tasks ((coalesce(completed_at, created_at)))
    where status <> 'REVIEWING';
create index callback_deliveries_final on callback_deliveries (created_at) where status <> 'PENDING';
