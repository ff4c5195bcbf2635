package dev.vetter.detection;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the speech recogniser heard: utterances (segments) with their words, all timed in
 * seconds from the start of the media.
 *
 * @param segments in time order
 * @param audioSeconds how much audio was listened to
 */
public record Transcript(List<Segment> segments, double audioSeconds) {

	public Transcript {
		segments = List.copyOf(segments);
	}

	/** the whole transcript, segments joined by a space */
	public String text() {
		return segments.stream().map(Segment::text).filter(t -> !t.isEmpty()).collect(Collectors.joining(" "));
	}

	/** every word of every segment, in order */
	public List<Word> words() {
		return segments.stream().flatMap(s -> s.words().stream()).toList();
	}

	/**
	 * One utterance, as the recogniser cut it at pauses.
	 *
	 * @param text the words joined by spaces (lower case, numbers as words)
	 * @param startSeconds the first word's start
	 * @param endSeconds the last word's end
	 */
	public record Segment(String text, double startSeconds, double endSeconds, List<Word> words) {

		public Segment {
			words = List.copyOf(words);
		}

	}

	/**
	 * @param text one word as recognised
	 * @param confidence 0–1, the recogniser's own estimate
	 */
	public record Word(String text, double startSeconds, double endSeconds, double confidence) {
	}

}
