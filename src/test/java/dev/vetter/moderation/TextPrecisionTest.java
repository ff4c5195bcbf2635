package dev.vetter.moderation;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vetter.detection.text.DefaultTextDetector;
import dev.vetter.platform.InvalidInput;
import dev.vetter.policy.BizTypePolicy;
import dev.vetter.policy.Suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Precision of the default text policy: a link alone and a context-dependent word alone
 * pass; advertising signals, a target, or a stricter bizType flag them.
 */
class TextPrecisionTest {

	private static DefaultTextDetector detector;

	private static TextQuality byDefault;

	@BeforeAll
	static void engine() {
		detector = new DefaultTextDetector();
		byDefault = new TextQuality(detector, BizTypePolicy.DEFAULT);
	}

	private static TextQuality with(Map<String, Double> minRates, Suggestion links) {
		return new TextQuality(detector, new BizTypePolicy(null, null, null, null, null, minRates, links));
	}

	@Test
	void aLinkAlonePasses() {
		assertThat(byDefault.judge("Read the full story here https://www.bbc.co.uk/news/world-123").suggestion())
			.isEqualTo(Suggestion.PASS);
		assertThat(byDefault.judge("great write-up on example.com about the match").suggestion())
			.isEqualTo(Suggestion.PASS);
	}

	@Test
	void aLinkWithAdvertisingSignalsIsFlagged() {
		for (String ad : new String[] { "Cheap watches, 50% off, buy now: https://shop-deals.xyz",
				"Call 13812345678 or visit www.example.com", "so good https://bit.ly/3xYzAb",
				"see https://example.com and https://example.org", "link in bio www.myshop.com",
				"特价包邮 https://shop.example.cn/item/1", "mail sales@example.com or see www.example.com" }) {
			TextVerdict v = byDefault.judge(ad);
			assertThat(v.suggestion()).as(ad).isNotEqualTo(Suggestion.PASS);
			assertThat(v.findings()).as(ad).anyMatch(f -> f.label().equals("ad"));
		}
	}

	@Test
	void anObfuscatedLinkStaysSuspicious() {
		assertThat(byDefault.judge("visit example dot com tonight").suggestion()).isEqualTo(Suggestion.BLOCK);
		assertThat(byDefault.judge("hxxp://evil.example/x").suggestion()).isEqualTo(Suggestion.BLOCK);
		assertThat(with(null, Suggestion.PASS).judge("visit example[.]com tonight").suggestion())
			.isEqualTo(Suggestion.BLOCK);
	}

	@Test
	void theBizTypeDecidesForEveryLink() {
		String plain = "Read the full story here https://www.bbc.co.uk/news/world-123";
		assertThat(with(null, Suggestion.REVIEW).judge(plain).suggestion()).isEqualTo(Suggestion.REVIEW);
		assertThat(with(null, Suggestion.BLOCK).judge(plain).suggestion()).isEqualTo(Suggestion.BLOCK);
		assertThat(with(null, Suggestion.PASS).judge("Cheap watches, 50% off: https://shop-deals.xyz").suggestion())
			.isEqualTo(Suggestion.PASS);
	}

	@Test
	void anAmbiguousTermAlonePasses() {
		for (String clean : new String[] { "my grandma's pussy cat sleeps all day", "take out the trash tonight",
				"I bought two new hoes for the vegetable garden", "The rape trial starts on Monday",
				"gay marriage was legalised in 2015" }) {
			assertThat(byDefault.judge(clean).suggestion()).as(clean).isEqualTo(Suggestion.PASS);
		}
	}

	@Test
	void anAmbiguousTermWithATargetOrAnotherTermIsFlagged() {
		for (String abuse : new String[] { "shut up you pussy", "you stupid pussy", "hey @mike go back to your hoes",
				"those stupid fucking hoes" }) {
			TextVerdict v = byDefault.judge(abuse);
			assertThat(v.suggestion()).as(abuse).isNotEqualTo(Suggestion.PASS);
		}
		// a reply's leading mentions address people, they do not target the word
		assertThat(byDefault.judge("@anna @ben my grandma's pussy cat sleeps all day").suggestion())
			.isEqualTo(Suggestion.PASS);
	}

	@Test
	void violenceWordsWithoutATargetPassAndWithOneAreFlagged() {
		// intent without a named target and news words are context terms (chosen on OLID
		// dev): casual or reporting alone, flagged with a target (or when the classifier
		// rates the text 35 or more, as for "4 dead in mass shooting at bank building")
		for (String clean : new String[] { "I'm going to kill this exam", "im gonna shoot my shot tonight",
				"the documentary about the school shooting won an award",
				"The museum remembers the massacre of 1915" }) {
			assertThat(byDefault.judge(clean).suggestion()).as(clean).isEqualTo(Suggestion.PASS);
		}
		for (String threat : new String[] { "I'm going to murder the guy who keyed my car, @dan",
				"a school shooting is what you people deserve", "I will kill you" }) {
			assertThat(byDefault.judge(threat).suggestion()).as(threat).isNotEqualTo(Suggestion.PASS);
		}
	}

	@Test
	void twoAmbiguousTermsDoNotConfirmEachOther() {
		// a news report naming a crime is not abuse; a target or a term offensive on its
		// own still is
		assertThat(byDefault.judge("The rape trial starts on Monday; the report covers sexual health").suggestion())
			.isEqualTo(Suggestion.PASS);
		// an exclamation alone passes; with a target or strong profanity it does not
		assertThat(byDefault.judge("wtf was that").suggestion()).isEqualTo(Suggestion.PASS);
		assertThat(byDefault.judge("wtf is wrong with you").suggestion()).isNotEqualTo(Suggestion.PASS);
		assertThat(byDefault.judge("wtf this shit again").suggestion()).isNotEqualTo(Suggestion.PASS);
	}

	@Test
	void aLowerMinimumRateFlagsTheAmbiguousTermAlone() {
		TextVerdict v = with(Map.of("abuse", 30.0, "porn", 30.0), null).judge("my grandma's pussy cat sleeps all day");
		assertThat(v.suggestion()).isEqualTo(Suggestion.REVIEW);
	}

	@Test
	void theClassifierFindingFollowsTheMinimumRate() {
		TextVerdict v = byDefault.judge("黑人都是垃圾，滚出中国");
		assertThat(v.suggestion()).isEqualTo(Suggestion.REVIEW);
		assertThat(v.label()).isEqualTo("abuse");
		assertThat(v.findings().get(0).contexts()).anyMatch(c -> "classifier".equals(c.rule()));
		assertThat(with(Map.of("abuse", 99.5), null).judge("黑人都是垃圾，滚出中国").suggestion()).isEqualTo(Suggestion.PASS);
		// rated 45.5: just under the Chinese operating point (chosen on COLD train+dev
		// out-of-fold, a safe-comment budget of 4%), so the default passes it and a lower
		// minimum rate flags it
		assertThat(byDefault.judge("黑人就是低等民族").suggestion()).isEqualTo(Suggestion.PASS);
		assertThat(with(Map.of("abuse", 40.0), null).judge("黑人就是低等民族").suggestion()).isEqualTo(Suggestion.REVIEW);
		assertThat(byDefault.judge("女生也可以学好数学和编程").suggestion()).isEqualTo(Suggestion.PASS);
	}

	@Test
	void minimumRatesAreValidated() {
		assertThatThrownBy(() -> new BizTypePolicy(null, null, null, null, null, Map.of("nope", 50.0), null))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("nope");
		assertThatThrownBy(() -> new BizTypePolicy(null, null, null, null, null, Map.of("abuse", 150.0), null))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("0 to 100");
	}

}
