package dev.vetter.moderation;

import dev.vetter.platform.ContentKind;

/**
 * How one {@link ContentKind} plugs into asynchronous moderation. Write one Spring bean
 * per kind (at most one per kind; a second one fails the start); {@link AsyncJobs} finds
 * it by {@link #kind()} — no switch over kinds anywhere.
 *
 * <p>
 * The infrastructure does everything around {@link #run}: it stores the job
 * ({@code moderation_jobs}), schedules it on db-scheduler (PostgreSQL; heartbeats,
 * dead-execution recovery, never two runs at once), runs it on {@code worker} nodes only,
 * bounds it by {@code vetter.jobs.time-limit}, retries it after a crash or restart up to
 * {@code vetter.jobs.max-attempts}, applies the tenant's escalation rules to
 * {@link JobOutcome#summary()}, sends the machine-scan callback, answers results (280
 * until the machine result is there, then 200; 594 past retention) and cancels.
 *
 * <p>
 * A handler:
 * <ol>
 * <li>checks the request's parameters in {@link #validate} (throw
 * {@link dev.vetter.platform.InvalidInput}: the task alone gets code 400);</li>
 * <li>in {@link #run}, fetches the media ({@code job.url()} with
 * {@code platform.media.MediaFetcher}, or reads {@code job.blobKey()}), analyses it,
 * reports progress through {@link JobContext#progress}, checks
 * {@link JobContext#isCancelled()} often (or passes {@link JobContext#workControl} to the
 * detectors), and returns a {@link JobOutcome};</li>
 * <li>throws {@link JobFailed} with a per-task code for bad media (never retried),
 * {@link JobCancelled} when it stops for a cancel; any other exception is retried.</li>
 * </ol>
 * {@code run} may be called again for the same job after a crash: it must not assume a
 * first run (write blobs under keys derived from the task id).
 */
public interface JobHandler {

	/** The kind this handler runs. */
	ContentKind kind();

	/**
	 * Checks a request at submit time.
	 * @throws dev.vetter.platform.InvalidInput when a parameter is out of range (the task
	 * is answered 400; the other tasks of the request go on)
	 */
	default void validate(JobRequest request) {
	}

	/**
	 * Runs the job on a worker thread.
	 * @throws JobFailed for a per-task failure
	 * @throws JobCancelled when the job was cancelled or the node stops
	 */
	JobOutcome run(JobContext context) throws Exception;

}
