package dev.vetter.detection.text;

import static dev.vetter.detection.text.TextEngineTestSupport.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextHit;
import dev.vetter.detection.TextTerm;
import dev.vetter.detection.TextTermSet;

/** Offsets always refer to the original string, whatever the normalisation did. */
class OffsetMappingTest {

	static final TextTermSet SET = TextEngineTestSupport.DETECTOR
		.compile(List.of(new TextTerm("kill", "customized", null), new TextTerm("杀了你", "customized", null)));
	static final TextDetector.Options TERMS_ONLY = new TextDetector.Options(false, false);

	private static TextHit only(String text) {
		TextAnalysis a = analyze(text, TERMS_ONLY, SET);
		assertEquals(1, a.hits().size(), () -> text + " -> " + a.hits());
		return a.hits().get(0);
	}

	@Test
	void surrogatePairsBeforeAndInsideTheMatch() {
		String text = "😀😀 x 𝐤𝐢𝐥𝐥 😀";
		TextHit h = only(text);
		assertEquals(text.indexOf("𝐤"), h.start());
		assertEquals(text.indexOf("𝐤") + 8, h.end());
		assertEquals("𝐤𝐢𝐥𝐥", h.context());
	}

	@Test
	void zeroWidthCharsInsideAndAround() {
		String text = "\u200B\uFEFFa k\u200Bi\u200Cl\u200Dl\u2060 b";
		TextHit h = only(text);
		assertEquals("k\u200Bi\u200Cl\u200Dl", h.context());
		assertEquals(4, h.start());
	}

	@Test
	void fullWidthAndCombiningAccents() {
		String text = "ａｂ ｋｉｌｌ ｃ";
		assertEquals("ｋｉｌｌ", only(text).context());
		String accents = "e\u0301e\u0301 ki\u0301l\u0300l\u0301 x";
		TextHit h = only(accents);
		assertEquals("ki\u0301l\u0300l\u0301", h.context(), "a trailing accent belongs to the last letter");
		assertEquals(5, h.start());
	}

	@Test
	void expansionsAndLigatures() {
		// U+FB01 LATIN SMALL LIGATURE FI expands to two chars; offsets stay on the
		// original
		TextTermSet set = TextEngineTestSupport.DETECTOR.compile(List.of(new TextTerm("fine", "customized", null)));
		TextAnalysis a = analyze("so \uFB01ne", TERMS_ONLY, set);
		assertEquals(1, a.hits().size());
		assertEquals("\uFB01ne", a.hits().get(0).context());
	}

	@Test
	void cjkRepeatedCharAtTheEdgeIsTrimmedToTheTerm() {
		TextTermSet set = TextEngineTestSupport.DETECTOR.compile(List.of(new TextTerm("妈的", "customized", null)));
		TextAnalysis a = analyze("你妈妈的", TERMS_ONLY, set);
		assertEquals(1, a.hits().size());
		assertEquals("妈的", a.hits().get(0).context());
		assertEquals(2, a.hits().get(0).start());
	}

	@Test
	void traditionalChineseMapsOneToOne() {
		String text = "好吧，我要殺了你！";
		TextHit h = only(text);
		assertEquals("殺了你", h.context());
		assertEquals(5, h.start());
	}

	@Test
	void maskingStarsExactlyTheHitCharsAndKeepsLength() {
		String text = "go 𝐤𝐢𝐥𝐥 and k i l l now";
		TextAnalysis a = analyze(text, TERMS_ONLY, SET);
		String masked = a.masked(h -> true);
		assertEquals(text.length(), masked.length());
		assertEquals("go ******** and * * * * now", masked);
		assertEquals(text, a.masked(h -> false));
	}

	@Test
	void emptyBlankAndLongInput() {
		assertTrue(analyze("").hits().isEmpty());
		assertTrue(analyze("   \n\t ").hits().isEmpty());
		StringBuilder sb = new StringBuilder();
		while (sb.length() < 10_000) {
			sb.append("Ordinary words in a normal sentence, nothing to see here. ");
		}
		sb.setLength(10_000 - 4);
		sb.append("kill");
		TextAnalysis a = analyze(sb.toString(), TextDetector.Options.ALL, SET);
		assertTrue(a.hits()
			.stream()
			.anyMatch(
					h -> h.start() == 9_996 && h.end() == 10_000 && h.term() != null && h.term().term().equals("kill")),
				a.hits()::toString);
	}

	@Test
	void loneSurrogatesAndControlCharsDoNotBreakAnything() {
		String text = "\uD800 kill \uDC00\u0000\u0007 杀了你 \uD83D";
		TextAnalysis a = analyze(text, TERMS_ONLY, SET);
		assertEquals(2, a.hits().size(), a.hits()::toString);
	}

}
