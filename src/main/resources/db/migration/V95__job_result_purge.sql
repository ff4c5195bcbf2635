-- A finished job past vetter.jobs.result-retention answers 594: its result, callback seed and blobs (media and
-- flagged frames) are deleted then and purged_at is set; the row itself goes with vetter.retention.tasks.
alter table moderation_jobs add column purged_at timestamptz;
create index moderation_jobs_unpurged on moderation_jobs (finished_at)
    where purged_at is null and state in ('DONE', 'FAILED', 'CANCELLED');
