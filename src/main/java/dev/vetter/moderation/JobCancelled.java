package dev.vetter.moderation;

/**
 * Thrown by a {@link JobHandler} (or by {@link JobContext#checkCancelled()}) when the job
 * was cancelled or the node is stopping: its work is thrown away. A cancelled job stays
 * cancelled; a job stopped by a shutdown runs again on the next worker.
 */
public class JobCancelled extends RuntimeException {

	public JobCancelled() {
		super("job cancelled", null, false, false);
	}

}
