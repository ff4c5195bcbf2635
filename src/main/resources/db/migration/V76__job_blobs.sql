-- Blobs a job keeps besides its media: flagged video frames (name 'frame-N'), deleted with the job.
create table moderation_job_blobs (
    task_id  text not null references moderation_jobs (task_id) on delete cascade,
    name     text not null,
    blob_key text not null,
    primary key (task_id, name)
);
