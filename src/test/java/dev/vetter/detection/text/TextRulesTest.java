package dev.vetter.detection.text;

import static dev.vetter.detection.text.TextEngineTestSupport.analyze;
import static dev.vetter.detection.text.TextEngineTestSupport.describe;
import static dev.vetter.detection.text.TextEngineTestSupport.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextHit;

class TextRulesTest {

	static final TextDetector.Options RULES_ONLY = new TextDetector.Options(false, true);

	private static TextAnalysis rules(String text) {
		return analyze(text, RULES_ONLY);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "visit https://example.com/x?y=1 now|url|https://example.com/x?y=1",
			"go to www.example.org today|url|www.example.org", "cheap stuff at shop-deals.xyz!|url|shop-deals.xyz",
			"see example dot com|url|example dot com", "see example[.]com|url|example[.]com",
			"see example(.)net|url|example(.)net", "see www example com|url|www example com",
			"hxxp://malware.example/pay|url|hxxp://malware.example/pay", "see ｅｘａｍｐｌｅ．ｃｏｍ|url|ｅｘａｍｐｌｅ．ｃｏｍ",
			"上 example点com 看看|url|example点com", "mail john.doe@example.com|email|john.doe@example.com",
			"mail john at example dot com|email|john at example dot com",
			"mail john[at]example.com|email|john[at]example.com", "call +1 (555) 010-0199 now|phone|+1 (555) 010-0199",
			"电话13800138000|phone|13800138000", "手机 138-0013-8000|phone|138-0013-8000",
			"tel ①③⑧００１３８０００|phone|①③⑧００１３８０００", "1 3 8 0 0 1 3 8 0 0 0|phone|1 3 8 0 0 1 3 8 0 0 0",
			"call 555-010-0199|phone|555-010-0199", "加我微信 abc12345|handle|微信 abc12345",
			"vx: wxid_888|handle|vx: wxid_888", "QQ：12345678|handle|QQ：12345678",
			"join t.me/spamchannel|handle|t.me/spamchannel", "whatsapp +44 7700 900123|handle|whatsapp +44 7700 900123",
			"line id: spam_guy|handle|line id: spam_guy", "discord.gg/abcdef|handle|discord.gg/abcdef",
			"ig: cheap.followers|handle|ig: cheap.followers", "telegram @spamguy|handle|telegram @spamguy",
			"加我 ｖｘ|handle|加我 ｖｘ", "follow me @cheapfollowers|handle|follow me @cheapfollowers",
			"find me on ig @cheapfollowers|handle|find me on ig @cheapfollowers" })
	void contactDetailsAreAds(String text, String ruleName, String context) {
		assertFound(text, ruleName, context);
	}

	/** What the public suffix list and libphonenumber add over hand-kept lists. */
	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "buy at shop.co.uk today|url|shop.co.uk", "see example.com.cn now|url|example.com.cn",
					"get it at example.app/deal|url|example.app/deal", "see example[.]ninja|url|example[.]ninja",
					"ring +44 20 7946 0958 today|phone|+44 20 7946 0958",
					"office (212) 555-0147 weekdays|phone|(212) 555-0147", "深圳 0755-26543210 订购|phone|0755-26543210",
					"mail sales@example.co.jp|email|sales@example.co.jp" })
	void librariesKnowEverySuffixAndNumberPlan(String text, String ruleName, String context) {
		assertFound(text, ruleName, context);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a polka dot art print", "build@host.local failed", "order +12 345 678 arrived",
			"the file is README.md and main.rs", "I like it.It was fun." })
	void wordsAndInvalidNumbersAreNotAds(String text) {
		TextAnalysis a = rules(text);
		assertTrue(a.hits().stream().noneMatch(h -> h.label().equals("ad")), () -> describe(a));
	}

	private static void assertFound(String text, String ruleName, String context) {
		TextAnalysis a = rules(text);
		List<TextHit> h = rule(a, ruleName);
		assertTrue(
				h.stream()
					.anyMatch(x -> x.context().equals(context) && x.label().equals("ad")
							&& x.origin() == TextHit.Origin.RULE && x.term() == null),
				() -> text + " -> " + describe(a));
	}

	@ParameterizedTest
	@ValueSource(strings = { "The meeting is at 10:30 on 2024-05-17 in room 301; the budget is $12,500.",
			"Please see report.pdf and deck.pptx; version 3.14.2 was released in 2023.",
			"Pi is 3.14159 and e is 2.71828.", "My IP is 192.168.1.1 on port 8080.", "Node.js and Vue.js are fine.",
			"The shell script is run.sh and the config is app.yml.", "e.g. this, i.e. that, U.S.A. and U.K.",
			"Editions 1999 2000 2001 2002 are sold out.", "Meet me at the station at 5 pm.", "I like it.It was fun.",
			"Order 2023-0001 shipped, ISBN 978-3-16-148410-0.", "The score was 3-2 after 90 minutes, with 45,000 fans.",
			"the dot com bubble burst in 2000", "Thanks @john for the review!",
			"Rubio Wants DOJ Investigation Into Iran Meddling via @breitbartnews",
			"I have a stall at @cityhall event on @saturdaymarket", "今天天气很好，我们去公园散步吧。", "价格是199元，版本3.14。",
			"The temperature is 23.5 degrees." })
	void ordinaryProseIsNotAnAd(String text) {
		TextAnalysis a = rules(text);
		assertTrue(a.hits().stream().noneMatch(h -> h.label().equals("ad")), () -> describe(a));
	}

	@ParameterizedTest
	@ValueSource(strings = { "buy buy buy buy buy buy buy", "!!!!!!!!!!!!!!!!!!!!", "aaaaaaaaaaaaaaaaaaaaaaa",
			"哈哈哈哈哈哈哈哈哈哈哈哈", "spam spam spam spam spam spam",
			"click here now! click here now! click here now! click here now!", "😀😀😀😀😀😀😀😀😀😀😀😀",
			"🔥💯👉🔥💯👉🔥💯👉🎉🎉✨✨", "!?!?!?!?!?!?!?!?!?!?" })
	void floodingIsFound(String text) {
		TextAnalysis a = rules("hey " + text + " ok");
		assertFalse(rule(a, "flood").isEmpty(), () -> describe(a));
		assertTrue(rule(a, "flood").stream().allMatch(h -> h.label().equals("flood")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "胡狐不分哈哈哈哈哈哈哈哈哈哈哈福建人吗？", "家住宁夏，98年的洪水没见过，只是看过《惊涛骇浪》………………没看过可以补充下",
			"喜欢东北人的直爽，以后要多多支持东北人的产业，有机会一定去东北[赞][赞][赞][赞][赞][赞]",
			"That was great!!!!!!!!!!!! See you tomorrow at the station", "少女心呀砰砰砰砰砰砰砰砰砰砰砰砰砰砰的冒呀" })
	void expressiveRunsInsideProseRateUnderTheDefaultMinimum(String text) {
		// found, but rated under the default minimum rate (50): the default policy passes
		// them
		TextAnalysis a = rules(text);
		assertFalse(rule(a, "flood").isEmpty(), () -> describe(a));
		assertTrue(rule(a, "flood").stream().allMatch(h -> h.rate() == FloodRule.EXPRESSIVE_RATE), () -> describe(a));
	}

	@ParameterizedTest
	@ValueSource(strings = { "hey buy now buy now buy now buy now buy now ok", "spam spam spam spam spam spam and more",
			"哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈" })
	void repeatedPhrasesAndDominantFloodsKeepTheirRate(String text) {
		TextAnalysis a = rules(text);
		assertFalse(rule(a, "flood").isEmpty(), () -> describe(a));
		assertTrue(rule(a, "flood").stream().allMatch(h -> h.rate() >= 75), () -> describe(a));
	}

	@ParameterizedTest
	@ValueSource(strings = { "I really really like it.", "The number is 1000000000.", "Haha, that is funny.",
			"She said no, no, no.", "Wait... what?", "We won 3-0!" })
	void ordinaryRepetitionIsNotFlood(String text) {
		TextAnalysis a = rules(text);
		assertTrue(rule(a, "flood").isEmpty(), () -> describe(a));
	}

	@ParameterizedTest
	@ValueSource(strings = { "asdfghjkl", "qwerty qwerty uiop", "zxcvbnm bcdfghjk", "sdfsdfsdf jkljkljkl",
			"fjdkslaf ghdjsk", "....", "。。。。。。", "😀", "??? !!!", "xkcdqrtz pqwmnbv" })
	void meaninglessTextIsFound(String text) {
		TextAnalysis a = rules(text);
		assertFalse(rule(a, "meaningless").isEmpty(), () -> describe(a));
		assertEquals("meaningless", rule(a, "meaningless").get(0).label());
	}

	@ParameterizedTest
	@ValueSource(strings = { "Hello world, this is fine.", "The strengths of rhythm and psych rock.", "Straße und Café",
			"今天天气很好", "I typed asdf by accident while writing this long and sensible sentence.", "OK", "42",
			"Привет, как дела?" })
	void normalTextIsNotMeaningless(String text) {
		TextAnalysis a = rules(text);
		assertTrue(rule(a, "meaningless").isEmpty(), () -> describe(a));
	}

	@Test
	void obfuscatedUrlsBlockPlainOnesReview() {
		assertEquals(TextHit.Severity.BLOCK, rule(rules("see http[:]//bad.example/x"), "url").get(0).severity());
		assertEquals(TextHit.Severity.BLOCK, rule(rules("see h**p://bad.example/x"), "url").get(0).severity());
		assertEquals(TextHit.Severity.REVIEW, rule(rules("see https://example.com/x"), "url").get(0).severity());
	}

	@Test
	void rulesCanBeSwitchedOff() {
		assertTrue(analyze("visit example.com, call +1 555 010 0199", new TextDetector.Options(true, false)).hits()
			.stream()
			.noneMatch(h -> h.origin() == TextHit.Origin.RULE));
	}

}
