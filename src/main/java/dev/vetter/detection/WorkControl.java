package dev.vetter.detection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How a caller steers one piece of long media work: a cancellation token checked between
 * frames and audio chunks, a deadline (checked against {@code clock}) and a progress
 * listener.
 *
 * @param cancelled answers true once the work should stop; checked often, must be cheap
 * @param clock the clock the deadline is read against
 * @param deadline when the work fails with {@link MediaFailure#TIMEOUT}; {@code null} for
 * none
 * @param progress told after each frame and about every second of audio
 */
public record WorkControl(BooleanSupplier cancelled, Clock clock, Instant deadline, Consumer<MediaProgress> progress) {

	public WorkControl {
		Objects.requireNonNull(cancelled, "cancelled");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(progress, "progress");
	}

	/** never cancelled, no deadline, no progress */
	public static WorkControl unbounded() {
		return new WorkControl(() -> false, Clock.systemUTC(), null, p -> {
		});
	}

	/** cancelled by {@code cancelled}, no deadline, no progress */
	public static WorkControl cancelledBy(BooleanSupplier cancelled) {
		return unbounded().withCancellation(cancelled);
	}

	public WorkControl withCancellation(BooleanSupplier token) {
		return new WorkControl(token, clock, deadline, progress);
	}

	public WorkControl withTimeLimit(Duration limit) {
		return new WorkControl(cancelled, clock, clock.instant().plus(limit), progress);
	}

	public WorkControl withProgress(Consumer<MediaProgress> listener) {
		return new WorkControl(cancelled, clock, deadline, listener);
	}

	public boolean isCancelled() {
		return cancelled.getAsBoolean();
	}

	/**
	 * @throws MediaRejected with {@link MediaFailure#TIMEOUT} once the deadline has
	 * passed
	 */
	public void checkDeadline() {
		if (deadline != null && !clock.instant().isBefore(deadline)) {
			throw new MediaRejected(MediaFailure.TIMEOUT, "media processing exceeded its time limit");
		}
	}

	/**
	 * Waits for a permit of a bounded native resource while the work is neither cancelled
	 * nor late.
	 * @return {@code true} with a permit held (the caller releases it), {@code false} if
	 * the work was cancelled or the thread interrupted while waiting
	 * @throws MediaRejected with {@code TIMEOUT} when the deadline passes while waiting
	 */
	public boolean acquire(Semaphore permits) {
		try {
			while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
				if (isCancelled()) {
					return false;
				}
				checkDeadline();
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
