package dev.vetter.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.vetter.detection.WorkControl;

/**
 * What a {@link JobHandler} gets for one run: the job, a cheap cancellation check (the
 * client's cancel, or this node stopping), the run's deadline and a progress sink.
 */
public final class JobContext {

	private final AsyncJob job;

	private final BooleanSupplier cancelled;

	private final Clock clock;

	private final Instant deadline;

	private final Consumer<JobProgress> progress;

	public JobContext(AsyncJob job, BooleanSupplier cancelled, Clock clock, Instant deadline,
			Consumer<JobProgress> progress) {
		this.job = job;
		this.cancelled = cancelled;
		this.clock = clock;
		this.deadline = deadline;
		this.progress = progress;
	}

	public AsyncJob job() {
		return job;
	}

	/** Cheap; true once the job was cancelled or this node is stopping. */
	public boolean isCancelled() {
		return cancelled.getAsBoolean();
	}

	/**
	 * @throws JobCancelled once {@link #isCancelled()}
	 */
	public void checkCancelled() {
		if (isCancelled()) {
			throw new JobCancelled();
		}
	}

	/**
	 * @throws JobFailed with {@link JobFailed#TIMEOUT} (581, as the media decoder's
	 * {@code MediaFailure.TIMEOUT}) once the deadline passed
	 */
	public void checkDeadline() {
		if (deadline != null && !clock.instant().isBefore(deadline)) {
			throw new JobFailed(JobFailed.TIMEOUT, "the job exceeded its time limit");
		}
	}

	public Instant deadline() {
		return deadline;
	}

	public Clock clock() {
		return clock;
	}

	/** Records progress (written to the job at most a few times a second). */
	public void progress(JobProgress p) {
		progress.accept(p);
	}

	/**
	 * The media detectors' control for this run: same cancellation and deadline, media
	 * progress recorded as the job's progress.
	 */
	public WorkControl workControl() {
		return new WorkControl(cancelled, clock, deadline, p -> progress(
				new JobProgress(p.framesDone(), p.framesTotal(), p.audioSecondsDone(), p.durationSeconds())));
	}

}
