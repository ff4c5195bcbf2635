package dev.vetter.moderation;

/**
 * Where an asynchronous job stands. {@code QUEUED -> PROCESSING -> (REVIEWING) -> DONE},
 * or {@code CANCELLED} / {@code FAILED} (with a per-task code). The name is the stored
 * value.
 */
public enum JobState {

	/** waiting for a worker */
	QUEUED,
	/** a worker runs it (or will again after a crash: it is retried) */
	PROCESSING,
	/** the machine result is final and people review it */
	REVIEWING,
	/** final: the machine result, plus the human verdict when it was reviewed */
	DONE,
	/** stopped by the client; never receives a human verdict */
	CANCELLED,
	/** stopped with a per-task code (bad media, too long, time limit, ...) */
	FAILED;

	/** Whether the machine result is there (it may still be reviewed). */
	public boolean hasMachineResult() {
		return this == REVIEWING || this == DONE;
	}

	/** Whether nothing more will happen to the job. */
	public boolean isFinal() {
		return this == DONE || this == CANCELLED || this == FAILED;
	}

}
