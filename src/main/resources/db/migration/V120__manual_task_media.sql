-- Human-only media tasks (image, video, voice) fetch their media in the background before reviewers get them:
-- FETCHING until then (no review item yet), READY (blob_key holds the media) or FAILED (media_error says why;
-- reviewers see the URL and the reason). Null for every other task.
alter table moderation_tasks add column media_state text;
alter table moderation_tasks add column media_error text;
