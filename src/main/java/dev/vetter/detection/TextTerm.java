package dev.vetter.detection;

import java.util.Objects;

/**
 * One term to look for in text.
 *
 * @param term the term as written by whoever supplied it (any script, any case); the
 * engine normalises it the same way it normalises scanned text
 * @param label the label a hit carries (Green text label vocabulary: {@code porn},
 * {@code abuse}, {@code customized}, ...)
 * @param source opaque to detection; handed back on every hit (for example the custom
 * library the term came from). May be {@code null}.
 */
public record TextTerm(String term, String label, Object source) {

	public TextTerm {
		Objects.requireNonNull(term, "term");
		Objects.requireNonNull(label, "label");
	}
}
