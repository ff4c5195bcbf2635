package dev.vetter.moderation;

/**
 * A job cannot produce a result, for a reason the client must see: the task ends
 * {@link JobState#FAILED} with this per-task code (Green style: 480 unreachable or
 * private URL, 589 too large, 590 not media or corrupt, 592 download timeout, 581 time
 * limit). Not retried.
 */
public class JobFailed extends RuntimeException {

	/**
	 * Green code of a job past its time limit ({@code vetter.jobs.time-limit}): Alibaba's
	 * 581 TIMEOUT, the same code the media decoder reports for its deadline, whichever
	 * notices first.
	 */
	public static final int TIMEOUT = 581;

	private final int code;

	public JobFailed(int code, String message) {
		super(message);
		this.code = code;
	}

	public JobFailed(int code, String message, Throwable cause) {
		super(message, cause);
		this.code = code;
	}

	public int code() {
		return code;
	}

}
