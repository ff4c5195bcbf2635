package dev.vetter.review;

import java.util.List;
import java.util.Locale;

import dev.vetter.platform.InvalidInput;

/**
 * A reviewer's decision: {@code pass} or {@code block}, with labels (required for block)
 * and a note.
 */
public record Verdict(String suggestion, List<String> labels, String note) {

	public Verdict {
		suggestion = suggestion == null ? null : suggestion.toLowerCase(Locale.ROOT);
		if (!"pass".equals(suggestion) && !"block".equals(suggestion)) {
			throw new InvalidInput("suggestion must be pass or block");
		}
		labels = labels == null ? List.of() : List.copyOf(labels);
		if ("block".equals(suggestion) && labels.isEmpty()) {
			throw new InvalidInput("a block needs at least one label");
		}
		if (note != null && note.length() > 2000) {
			throw new InvalidInput("note is at most 2000 characters");
		}
	}

	public boolean blocks() {
		return "block".equals(suggestion);
	}
}
