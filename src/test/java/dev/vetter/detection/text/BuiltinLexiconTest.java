package dev.vetter.detection.text;

import static dev.vetter.detection.text.TextEngineTestSupport.analyze;
import static dev.vetter.detection.text.TextEngineTestSupport.describe;
import static dev.vetter.detection.text.TextEngineTestSupport.hits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextHit;

class BuiltinLexiconTest {

	static final TextDetector.Options LEXICON_ONLY = new TextDetector.Options(true, false);
	static final Set<String> LABELS = Set.of("normal", "spam", "ad", "politics", "terrorism", "abuse", "porn", "flood",
			"contraband", "meaningless", "customized", "commerce");

	@Test
	void allListsLoadWithValidRows() {
		for (String file : BuiltinLexicon.FILES) {
			List<BuiltinLexicon.Row> rows = BuiltinLexicon.read(file);
			assertTrue(rows.size() > 40, file);
			for (BuiltinLexicon.Row r : rows) {
				assertTrue(LABELS.contains(r.label()), () -> "label of " + r);
				assertTrue(Set.of("BLOCK", "REVIEW", "CUE").contains(r.severity()), () -> "severity of " + r);
				assertTrue(r.rate() >= 0 && r.rate() <= 100, () -> "rate of " + r);
			}
		}
		assertTrue(BuiltinLexicon.read("naughty-words.tsv").stream().anyMatch(r -> r.term().equals("三级片")));
		assertTrue(BuiltinLexicon.read("cuss.tsv").stream().noneMatch(r -> r.term().equals("african")),
				"cuss rating-0 words are dropped");
		assertTrue(TextEngineTestSupport.DETECTOR.builtinSize() > 5000);
	}

	@Test
	void templatesExpand() {
		assertEquals(List.of("a c", "a d", "b c", "b d"), BuiltinLexicon.expand("{a|b} {c|d}"));
		assertEquals(List.of("x y", "x "), BuiltinLexicon.expand("x {y|}"));
	}

	private static TextHit first(String text, String label) {
		TextAnalysis a = analyze(text, LEXICON_ONLY);
		List<TextHit> h = hits(a, label);
		assertFalse(h.isEmpty(), () -> text + " should carry " + label + ": " + describe(a));
		assertTrue(h.stream()
			.allMatch(x -> x.origin() == TextHit.Origin.LEXICON && x.term() != null
					&& String.valueOf(x.term().source()).startsWith("builtin:")));
		return h.stream().filter(x -> x.severity() == TextHit.Severity.BLOCK).findFirst().orElse(h.get(0));
	}

	@ParameterizedTest
	@ValueSource(strings = { "I will kill you", "i'm gonna murder your family", "I'll shoot them all tomorrow",
			"we will bomb the school", "i am going to stab you", "I will k i l l you", "i will kiiill u", "我要殺了你",
			"我要杀了你", "老子弄死你" })
	void threatsAreTerrorismBlock(String text) {
		TextHit h = first(text, "terrorism");
		assertEquals(TextHit.Severity.BLOCK, h.severity(), text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "he is a big fan of Dickens", "a pot of tea", "the con of this plan", "I am here",
			"my mama cooks", "drive a stake", "a jazz trio", "the inferno of summer", "heterosexual couples" })
	void foreignListTermsThatAreEnglishWordsDoNotHitEnglishText(String text) {
		TextAnalysis a = analyze(text, LEXICON_ONLY);
		assertTrue(a.hits().isEmpty(), () -> describe(a));
	}

	@Test
	void foreignListsStillCatchTheirOwnWords() {
		first("jävlar i helvete", "abuse");
		first("kut zooi", "abuse");
	}

	@ParameterizedTest
	@ValueSource(strings = { "I'm going to kill this exam", "kill the process with kill -9",
			"we need to shoot for the stars", "the kids killed it on stage", "she will shoot the photos" })
	void figurativeViolenceIsNotBlocked(String text) {
		TextAnalysis a = analyze(text, LEXICON_ONLY);
		assertTrue(a.hits().stream().noneMatch(h -> h.severity() == TextHit.Severity.BLOCK), () -> describe(a));
	}

	@Test
	void profanityAndSexualTerms() {
		assertEquals(TextHit.Severity.BLOCK, first("what the fuck", "abuse").severity());
		assertEquals(TextHit.Severity.BLOCK, first("fuuuuuck this", "abuse").severity());
		assertEquals(TextHit.Severity.BLOCK, first("ｆｕｃｋ", "abuse").severity());
		assertEquals(TextHit.Severity.BLOCK, first("you are a motherfucker", "abuse").severity());
		first("watch free porn here", "porn");
		first("blowjob videos", "porn");
		first("三级片下载", "porn");
		first("你个傻逼", "abuse");
		first("傻 逼", "abuse");
		first("kill yourself", "abuse");
	}

	@Test
	void drugNamesAloneAreReviewAndBlockNextToASaleCue() {
		TextHit alone = first("cocaine is a dangerous drug", "contraband");
		assertEquals(TextHit.Severity.REVIEW, alone.severity());
		assertEquals(TextHit.Severity.BLOCK, first("selling cocaine, dm me", "contraband").severity());
		assertEquals(TextHit.Severity.BLOCK, first("pure mdma, fast shipping, btc accepted", "contraband").severity());
		assertEquals(TextHit.Severity.BLOCK, first("出售冰毒", "contraband").severity());
		assertEquals(TextHit.Severity.BLOCK, first("fake passport for sale", "contraband").severity());
	}

	@ParameterizedTest
	@ValueSource(strings = { "The therapist in Scunthorpe read Dickens over a cocktail.",
			"Classic analysis of cumulative grape harvests in Essex.", "The assassin passed the class.",
			"Shiitake and shitake mushrooms with cumin.", "Thank god it's Friday, good job everyone.", "我喜欢喝牛奶和豆乳。",
			"Peniston and Cockburn live in Middlesex.", "Hitchcock's analysis of Matsushita",
			"He is a specialist in sextants and titanium.", "Prices: 1999 2000 2001 editions." })
	void ordinaryProseHasNoBlockingHit(String text) {
		TextAnalysis a = analyze(text, LEXICON_ONLY);
		assertTrue(a.hits().stream().noneMatch(h -> h.severity() == TextHit.Severity.BLOCK), () -> describe(a));
	}

	@ParameterizedTest
	@ValueSource(strings = { "他妈妈考虑明年给孩子报一个体育班", "跟你妈妈有嫌隙", "还是妈妈逼着吃掉", "这两个姑娘的五官", "娘娘的手", "黄种人和白种人是不同的人种" })
	void chineseKinshipWordsAndNeutralTermsAreNotAbuse(String text) {
		// 他妈|妈 "his mother", 妈|妈逼着 "mother forced", 姑|娘的 "the girl's": the match cuts a
		// kinship word; 人种 "race" is a neutral word (lexicon/neutral-terms.txt)
		TextAnalysis a = analyze(text, LEXICON_ONLY);
		assertTrue(a.hits().isEmpty(), () -> describe(a));
	}

	@Test
	void chineseCurseWordsStillHitBesideKinshipWords() {
		assertEquals(TextHit.Severity.BLOCK, first("他妈的，又迟到了", "abuse").severity());
		first("去你妈", "abuse");
		first("操你妈", "abuse");
		first("妈的，烦死了", "abuse");
		assertTrue(DefaultTextDetector.splitsKinshipWord("他妈妈", 0, 2));
		assertFalse(DefaultTextDetector.splitsKinshipWord("他妈的", 0, 2));
		assertTrue(DefaultTextDetector.splitsKinshipWord("姑娘的", 1, 3));
		assertFalse(DefaultTextDetector.splitsKinshipWord("你娘的", 1, 3));
	}

	@Test
	void lexiconsCanBeSwitchedOff() {
		assertTrue(analyze("fuck", new TextDetector.Options(false, false)).hits().isEmpty());
	}

}
