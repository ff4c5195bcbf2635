package dev.vetter.detection;

import java.nio.file.Path;

/**
 * Speech to text with word timings. The model is loaded once and shared; each job gets
 * its own recogniser, and the number of recognisers at once is capped. Thread-safe.
 */
public interface SpeechRecognizer {

	/**
	 * Opens a recogniser, waiting for a free permit while {@code control} is neither
	 * cancelled nor past its deadline.
	 * @throws MediaRejected {@link MediaFailure#ALGO_FAILED} when the model cannot be
	 * loaded, {@link MediaFailure#TIMEOUT} when no permit came before the deadline
	 */
	SpeechSession open(WorkControl control);

	/**
	 * Decodes the audio track of {@code file} and transcribes it. When the token cancels
	 * the work, returns what was heard until then ({@link Transcript#audioSeconds()} says
	 * how much).
	 * @throws MediaRejected for bad input, caps and the deadline
	 */
	Transcript transcribe(Path file, WorkControl control);

}
