package dev.vetter.detection.audio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.vetter.detection.AudioSink;
import dev.vetter.detection.MediaFailure;
import dev.vetter.detection.MediaRejected;
import dev.vetter.detection.SpeechSession;
import dev.vetter.detection.Transcript;
import dev.vetter.detection.WorkControl;

/**
 * A {@link SpeechSession} that hears its audio in parallel: the PCM is cut at pauses
 * ({@link SpeechSegmenter}) and each segment is recognised on the shared speech threads
 * by a recogniser of its own, while the caller goes on decoding (and, for a video,
 * scanning frames). At most {@code inFlight} segments of one session are queued or
 * running, so memory stays bounded and a long file does not crowd out other jobs;
 * {@link #accept} waits when that many are pending. A cancelled or late session stops
 * feeding its recognisers between chunks and drops segments not yet started.
 */
final class SegmentedSession implements SpeechSession {

	private final ExecutorService threads;

	private final Function<SpeechSegmenter.Segment, List<Transcript.Segment>> recognise;

	private final WorkControl control;

	private final int inFlight;

	private final SpeechSegmenter segmenter;

	private final Deque<Future<List<Transcript.Segment>>> pending = new ArrayDeque<>();

	private final List<Transcript.Segment> heard = new ArrayList<>();

	private double base = Double.NaN;

	private long bytes;

	private boolean finished;

	private volatile boolean closed;

	/**
	 * @param recognise hears one segment (times from the segment's start) and returns its
	 * utterances; runs on {@code threads}
	 */
	SegmentedSession(ExecutorService threads, Function<SpeechSegmenter.Segment, List<Transcript.Segment>> recognise,
			WorkControl control, int inFlight, double minSegmentSeconds, double maxSegmentSeconds) {
		this.threads = threads;
		this.recognise = recognise;
		this.control = control;
		this.inFlight = inFlight;
		this.segmenter = new SpeechSegmenter(minSegmentSeconds, maxSegmentSeconds, this::submit);
	}

	@Override
	public void accept(byte[] pcm, int length, double startSeconds) {
		if (finished || closed) {
			throw new IllegalStateException("the speech session is finished");
		}
		if (length % 2 != 0) {
			throw new IllegalArgumentException("16-bit PCM has an even number of bytes");
		}
		if (Double.isNaN(base)) {
			base = Math.max(0, startSeconds);
		}
		bytes += length;
		segmenter.accept(pcm, length);
	}

	@Override
	public Transcript finish() {
		if (!finished) {
			finished = true;
			segmenter.finish();
			while (!pending.isEmpty()) {
				collectOldest();
			}
		}
		return new Transcript(heard, bytes / 2d / AudioSink.SAMPLE_RATE);
	}

	@Override
	public void close() {
		if (!closed) {
			closed = true;
			// segments not started are dropped; running ones see the closed flag between
			// chunks
			pending.forEach(f -> f.cancel(false));
			pending.clear();
		}
	}

	/** true once the recognisers should stop listening */
	boolean stopped() {
		return closed || control.isCancelled();
	}

	private void submit(SpeechSegmenter.Segment segment) {
		while (pending.size() >= inFlight && !control.isCancelled()) {
			collectOldest();
		}
		if (control.isCancelled()) {
			return;
		}
		SpeechSegmenter.Segment shifted = new SpeechSegmenter.Segment(segment.pcm(), segment.length(),
				base + segment.startSeconds());
		pending.add(threads.submit(() -> stopped() ? List.of() : recognise.apply(shifted)));
	}

	/** waits for the oldest segment while the work is neither cancelled nor late */
	private void collectOldest() {
		Future<List<Transcript.Segment>> oldest = pending.peekFirst();
		try {
			while (true) {
				try {
					heard.addAll(oldest.get(100, TimeUnit.MILLISECONDS));
					break;
				}
				catch (TimeoutException ex) {
					control.checkDeadline();
				}
			}
		}
		catch (CancellationException ex) {
			// dropped by close()
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MediaRejected(MediaFailure.ALGO_FAILED, "interrupted while waiting for speech recognition", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof MediaRejected rejected) {
				throw rejected;
			}
			throw new MediaRejected(MediaFailure.ALGO_FAILED, "the speech recogniser failed", ex.getCause());
		}
		finally {
			pending.pollFirst();
		}
	}

}
