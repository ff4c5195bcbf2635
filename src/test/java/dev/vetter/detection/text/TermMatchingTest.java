package dev.vetter.detection.text;

import static dev.vetter.detection.text.TextEngineTestSupport.analyze;
import static dev.vetter.detection.text.TextEngineTestSupport.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextHit;
import dev.vetter.detection.TextTerm;
import dev.vetter.detection.TextTermSet;

/**
 * Caller-supplied terms: evasions are caught, innocent words are not, positions are
 * exact.
 */
class TermMatchingTest {

	static final Object LIB = "lib-42";
	static final TextTermSet CUSTOM = TextEngineTestSupport.DETECTOR
		.compile(List.of(new TextTerm("kill", "customized", LIB), new TextTerm("paypal", "customized", LIB),
				new TextTerm("杀了你", "customized", "zh-lib"), new TextTerm("發票", "customized", "zh-trad"),
				new TextTerm("Free Money", "customized", LIB), new TextTerm("ass", "customized", LIB),
				new TextTerm("sex", "customized", LIB), new TextTerm("cunt", "customized", LIB),
				new TextTerm("rape", "customized", LIB), new TextTerm("dick", "customized", LIB),
				new TextTerm("shit", "customized", LIB), new TextTerm("cum", "customized", LIB),
				new TextTerm("anal", "customized", LIB), new TextTerm("cock", "customized", LIB),
				new TextTerm("hell", "customized", LIB), new TextTerm("god", "customized", LIB),
				new TextTerm("tit", "customized", LIB)));
	static final TextDetector.Options TERMS_ONLY = new TextDetector.Options(false, false);

	private static List<TextHit> custom(String text) {
		TextAnalysis a = analyze(text, TERMS_ONLY, CUSTOM);
		return a.hits();
	}

	private static void assertHit(String text, String term, String context) {
		List<TextHit> hits = custom(text);
		assertTrue(
				hits.stream()
					.anyMatch(h -> h.term().term().equals(term) && h.context().equals(context)
							&& h.origin() == TextHit.Origin.TERMS),
				() -> text + " should hit " + term + " on '" + context + "' but got "
						+ describe(analyze(text, TERMS_ONLY, CUSTOM)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "kill", "KILL", "KiLl", "ｋｉｌｌ", "𝐤𝐢𝐥𝐥", "𝓀𝒾𝓁𝓁", "ⓚⓘⓛⓛ", "k\u0456ll", "k\u200Bill",
			"k\u00ADi\u200Dll", "ki\u2060ll", "k.i.l.l", "k i l l", "k-i-l-l", "k_i_l_l", "k*i*l*l", "k . i . l . l",
			"k1ll", "k!ll", "kiiiill", "killlll", "KIIIIILLLLL", "kíll", "ki\u0301ll", "k\u0336i\u0336l\u0336l\u0336",
			"ǩíĺľ" })
	void evasionsOfAWordAreCaughtWithTheirWholeSpan(String variant) {
		String text = "I will " + variant + " it";
		assertHit(text, "kill", variant);
	}

	@Test
	void homoglyphWordsInCyrillicAndGreek() {
		assertHit("pay with раураl now", "paypal", "раураl");
		assertHit("pay with ΡΑΥΡΑL now", "paypal", "ΡΑΥΡΑL");
	}

	@Test
	void smallCapitalsAndGreekLookAlikesTheSkeletonMisses() {
		assertHit("I will ᴋɪʟʟ it", "kill", "ᴋɪʟʟ");
		assertHit("pay with ᴘᴀʏᴘᴀʟ now", "paypal", "ᴘᴀʏᴘᴀʟ");
		assertHit("go and κιll them", "kill", "κιll");
	}

	@Test
	void phrasesMatchAcrossAnySeparatorRun() {
		assertHit("get FREE   MONEY today", "Free Money", "FREE   MONEY");
		assertHit("get free-money today", "Free Money", "free-money");
		assertHit("get ｆｒｅｅ ｍｏｎｅｙ", "Free Money", "ｆｒｅｅ ｍｏｎｅｙ");
		assertHit("get f r e e  m o n e y", "Free Money", "f r e e  m o n e y");
		assertHit("fr33 m0ney", "Free Money", "fr33 m0ney");
	}

	@Test
	void leetspeakSymbols() {
		assertHit("you $h!t", "shit", "$h!t");
		assertHit("what an @ss", "ass", "@ss");
		assertHit("5h1t happens", "shit", "5h1t");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Scunthorpe", "assassin", "cocktail", "analysis", "classic", "grape", "therapist", "Essex",
			"cumulative", "Dickens", "shitake", "shiitake", "class", "passage", "bass", "glass", "assess",
			"a s s e s s", "Sussex", "Middlesex", "Cockburn", "hello", "shell", "good", "godot", "title",
			"constitution", "document", "scrape", "drapes", "titan", "cumin", "analog", "peacock", "Hitchcock",
			"Matsushita", "2024", "a55", "sextant", "u.s.a.", "Hancock", "Dickinson" })
	void innocentWordsDoNotHit(String word) {
		List<TextHit> hits = custom("We talked about " + word + " yesterday.");
		assertTrue(hits.isEmpty(), () -> word + " hit " + hits);
	}

	@Test
	void pluralsOfLongerTermsAreCaught() {
		assertHit("two dicks", "dick", "dicks");
		assertHit("so many asses", "ass", "asses");
	}

	@Test
	void spacedLettersKeepLoneWordsAtTheEdges() {
		assertHit("then I k i l l", "kill", "k i l l"); // "I" is a word of its own
		assertTrue(custom("a s s e s s the damage").isEmpty());
	}

	@Test
	void cjkTermsMatchAsSubstringsInBothScripts() {
		assertHit("我要杀了你们", "杀了你", "杀了你");
		assertHit("我要殺了你", "杀了你", "殺了你"); // Traditional text, Simplified term
		assertHit("可以开发票吗", "發票", "发票"); // Simplified text, Traditional term
		assertHit("杀 了 你", "杀了你", "杀 了 你"); // spaced out
		assertHit("ｘ杀了你ｘ", "杀了你", "杀了你");
		assertHit("killing 杀了你 kill", "kill", "kill");
	}

	@Test
	void sourceIsHandedBackAndLabelKept() {
		TextHit h = custom("杀了你").get(0);
		assertEquals("zh-lib", h.term().source());
		assertEquals("customized", h.label());
		assertEquals(TextHit.Origin.TERMS, h.origin());
	}

	@Test
	void termsThatNormaliseToNothingAreDroppedAndDuplicatesCounted() {
		TextTermSet set = TextEngineTestSupport.DETECTOR
			.compile(List.of(new TextTerm("   ", "customized", null), new TextTerm("!!!", "customized", null),
					new TextTerm("Kill", "customized", null), new TextTerm("kill", "customized", "other")));
		assertEquals(1, set.size());
		assertEquals(2, analyze("kill", TERMS_ONLY, set).hits().size(), "both libraries are reported");
		assertEquals(0, TextEngineTestSupport.DETECTOR.compile(List.of()).size());
		assertTrue(analyze("kill", TERMS_ONLY, TextEngineTestSupport.DETECTOR.compile(List.of())).hits().isEmpty());
	}

	@Test
	void everyOccurrenceIsReported() {
		List<TextHit> hits = custom("kill, KILL and k.i.l.l");
		assertEquals(3, hits.size(), hits::toString);
		assertEquals(0, hits.get(0).start());
		assertEquals(6, hits.get(1).start());
		assertEquals(15, hits.get(2).start());
	}

}
