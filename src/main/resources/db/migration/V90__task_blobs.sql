-- The media an escalated synchronous scan fetched (an image), kept so reviewers see exactly what was scanned;
-- deleted with the task. Asynchronous jobs keep theirs on moderation_jobs.
alter table moderation_tasks add column blob_key text;
