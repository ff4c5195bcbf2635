package dev.vetter.detection.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextHit;
import dev.vetter.detection.TextTermSet;

/** Shared detector (the built-in lexicon is loaded once) and assertions. */
final class TextEngineTestSupport {

	static final DefaultTextDetector DETECTOR = new DefaultTextDetector();

	private TextEngineTestSupport() {
	}

	static TextAnalysis analyze(String text, TextTermSet... sets) {
		TextAnalysis a = DETECTOR.analyze(text, List.of(sets), TextDetector.Options.ALL);
		assertPositions(a);
		return a;
	}

	static TextAnalysis analyze(String text, TextDetector.Options options, TextTermSet... sets) {
		TextAnalysis a = DETECTOR.analyze(text, List.of(sets), options);
		assertPositions(a);
		return a;
	}

	/**
	 * every hit maps back to the original text exactly and never splits a surrogate pair
	 */
	static void assertPositions(TextAnalysis a) {
		String s = a.original();
		for (TextHit h : a.hits()) {
			assertTrue(h.start() >= 0 && h.start() < h.end() && h.end() <= s.length(), () -> "bad span " + h);
			assertEquals(s.substring(h.start(), h.end()), h.context(), () -> "context of " + h);
			assertTrue(!Character.isLowSurrogate(s.charAt(h.start())), () -> "starts inside a pair: " + h);
			assertTrue(h.end() == s.length() || !Character.isLowSurrogate(s.charAt(h.end())),
					() -> "ends inside a pair: " + h);
		}
	}

	static List<TextHit> hits(TextAnalysis a, String label) {
		return a.hits().stream().filter(h -> h.label().equals(label)).collect(Collectors.toList());
	}

	static List<TextHit> rule(TextAnalysis a, String rule) {
		return a.hits().stream().filter(h -> rule.equals(h.rule())).collect(Collectors.toList());
	}

	static String describe(TextAnalysis a) {
		return a.hits()
			.stream()
			.map(h -> h.label() + "/" + h.severity() + "/" + (h.rule() != null ? h.rule() : h.term().term()) + "'"
					+ h.context() + "'@" + h.start())
			.collect(Collectors.joining(", ", "[", "]"));
	}

}
