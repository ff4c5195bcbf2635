package dev.vetter.detection;

import java.nio.file.Path;

/**
 * Speech to text with word timings. The model is loaded once and shared; the number of
 * recognisers at once is capped for the whole node. Thread-safe.
 */
public interface SpeechRecognizer {

	/**
	 * Opens a session for one job. Feeding it and {@link SpeechSession#finish finishing}
	 * it wait for the shared recognisers while {@code control} is neither cancelled nor
	 * past its deadline; a session opened for cancelled work hears nothing.
	 * @throws MediaRejected {@link MediaFailure#ALGO_FAILED} when the model cannot be
	 * loaded or a recogniser fails, {@link MediaFailure#TIMEOUT} when the deadline passes
	 * while waiting
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
