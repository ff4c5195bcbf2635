package dev.vetter.moderation;

import java.util.List;

import dev.vetter.policy.LibrarySource;
import dev.vetter.policy.Suggestion;

/**
 * The machine verdict on one text.
 *
 * @param taskId stable id of this scan
 * @param content the text as sent
 * @param filteredContent the text with lexicon and library hits masked by {@code *}
 * @param suggestion the overall suggestion
 * @param label the most serious label, {@code normal} when nothing was found
 * @param rate confidence 0..100 of that label
 * @param findings per label, most serious first; empty when {@code normal}
 */
public record TextVerdict(String taskId, String content, String filteredContent, Suggestion suggestion, String label,
		double rate, List<Finding> findings) {

	/** Everything found under one label. */
	public record Finding(String label, Suggestion suggestion, double rate, List<Context> contexts) {
	}

	/**
	 * One matched text and where it occurs.
	 *
	 * @param context the matched text as it stands in the original
	 * @param positions {start, end} pairs in the original text (UTF-16 offsets, end
	 * exclusive)
	 * @param library the custom library hit, or {@code null}
	 * @param rule the rule that fired ({@code url}, {@code phone}, ...), or {@code null}
	 */
	public record Context(String context, List<int[]> positions, LibrarySource library, String rule) {
	}
}
