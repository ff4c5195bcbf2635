package dev.vetter.detection.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

import dev.vetter.detection.TextDetector;
import dev.vetter.detection.TextTerm;
import dev.vetter.detection.TextTermSet;

/**
 * Throughput of normalisation + matching on one core. Run:
 * {@code bench/text-matcher/run.sh} (see docs/text-engine.md). Not a unit test: prints a
 * table, asserts nothing.
 */
public final class TextMatcherBenchmark {

	private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

	public static void main(String[] args) {
		int mb = args.length > 0 ? Integer.parseInt(args[0]) : 4;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		Random rnd = new Random(42);

		List<String> words = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			words.add(randomWord(rnd, 3 + rnd.nextInt(8)));
		}
		List<TextTerm> terms = new ArrayList<>();
		for (String w : words) {
			terms.add(new TextTerm(w, "customized", "bench"));
		}
		for (int i = 0; i < 200; i++) {
			terms.add(new TextTerm(words.get(rnd.nextInt(words.size())) + " " + words.get(rnd.nextInt(words.size())),
					"customized", "bench"));
		}
		long b0 = System.nanoTime();
		TextTermSet set = TextEngineTestSupport.DETECTOR.compile(terms);
		long buildMs = (System.nanoTime() - b0) / 1_000_000;
		long d0 = System.nanoTime();
		DefaultTextDetector detector = new DefaultTextDetector();
		long detectorMs = (System.nanoTime() - d0) / 1_000_000;

		String ascii = asciiText(rnd, words, mb * 1_000_000);
		String mixed = mixedText(rnd, words, mb * 1_000_000);
		System.out.printf(Locale.ROOT,
				"terms=%d (distinct normalised %d), build %d ms; built-in lexicon %d terms, startup %d ms%n",
				terms.size(), set.size(), buildMs, detector.builtinSize(), detectorMs);
		System.out.printf(Locale.ROOT, "cores=%d, java %s, %d timed runs after 2 warm-ups, median reported%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), runs);
		System.out.printf(Locale.ROOT, "| %-58s | %8s | %6s | %9s | %7s |%n", "case", "text MB", "terms", "median ms",
				"MB/s");
		System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%n", "-".repeat(60), "-".repeat(10), "-".repeat(8),
				"-".repeat(11), "-".repeat(9));

		TextDetector.Options none = new TextDetector.Options(false, false);
		TextDetector.Options lex = new TextDetector.Options(true, false);
		for (String[] c : new String[][] { { "ascii", ascii }, { "mixed", mixed } }) {
			String text = c[1];
			double mbytes = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
			row("normalise only, " + c[0], mbytes, 0, runs, () -> NormalizedText.of(text).dLen);
			row("normalise + 10k custom terms, " + c[0], mbytes, set.size(), runs,
					() -> detector.analyze(text, List.of(set), none).hits().size());
			row("normalise + 10k custom + built-in lexicon, " + c[0], mbytes, set.size() + detector.builtinSize(), runs,
					() -> detector.analyze(text, List.of(set), lex).hits().size());
		}
		// the full engine (rules included) on API-sized texts (Green allows 10,000 chars
		// per task)
		String[] chunks = new String[400];
		for (int i = 0; i < chunks.length; i++) {
			int at = rnd.nextInt(ascii.length() - 10_000);
			chunks[i] = ascii.substring(at, at + 10_000);
		}
		double chunkMb = chunks.length * 10_000 / 1e6;
		row("normalise + 10k custom terms, 400 x 10k-char texts", chunkMb, set.size(), runs, () -> {
			int n = 0;
			for (String s : chunks) {
				n += detector.analyze(s, List.of(set), none).hits().size();
			}
			return n;
		});
		row("normalise + 10k custom + built-in, 400 x 10k-char texts", chunkMb, set.size() + detector.builtinSize(),
				runs, () -> {
					int n = 0;
					for (String s : chunks) {
						n += detector.analyze(s, List.of(set), lex).hits().size();
					}
					return n;
				});
		row("full analyze (lexicons+rules+10k terms), 400 x 10k chars", chunkMb, set.size() + detector.builtinSize(),
				runs, () -> {
					int n = 0;
					for (String s : chunks) {
						n += detector.analyze(s, List.of(set), TextDetector.Options.ALL).hits().size();
					}
					return n;
				});
		// the trained classifier's cost: the same analysis without it, and API-sized
		// texts
		TextDetector.Options noClassifier = new TextDetector.Options(true, true, false);
		row("full analyze without classifier, 400 x 10k chars", chunkMb, set.size() + detector.builtinSize(), runs,
				() -> {
					int n = 0;
					for (String s : chunks) {
						n += detector.analyze(s, List.of(set), noClassifier).hits().size();
					}
					return n;
				});
		List<String> small = new ArrayList<>();
		for (String c : chunks) {
			for (int i = 0; i + 200 <= c.length() && small.size() < 20_000; i += 200) {
				small.add(c.substring(i, i + 200));
			}
		}
		double smallMb = small.stream().mapToInt(x -> x.getBytes(StandardCharsets.UTF_8).length).sum() / 1e6;
		row("full analyze, " + small.size() + " x 200 chars", smallMb, set.size() + detector.builtinSize(), runs,
				() -> {
					int n = 0;
					for (String s : small) {
						n += detector.analyze(s, List.of(set), TextDetector.Options.ALL).hits().size();
					}
					return n;
				});
		row("full analyze without classifier, " + small.size() + " x 200 chars", smallMb,
				set.size() + detector.builtinSize(), runs, () -> {
					int n = 0;
					for (String s : small) {
						n += detector.analyze(s, List.of(set), noClassifier).hits().size();
					}
					return n;
				});
		// the rules alone on short API texts full of numbers, links and contact details
		String[] contact = contactTexts(new Random(7), 2_000);
		double contactMb = Arrays.stream(contact).mapToInt(String::length).sum() / 1e6;
		TextDetector.Options rulesOnly = new TextDetector.Options(false, true);
		row("rules only, 2000 x 200-char texts with contact details", contactMb, 0, runs, () -> {
			int n = 0;
			for (String s : contact) {
				n += detector.analyze(s, List.of(), rulesOnly).hits().size();
			}
			return n;
		});
	}

	private static void row(String name, double mbytes, int terms, int runs, Supplier<Integer> work) {
		int sink = 0;
		for (int i = 0; i < 2; i++) {
			sink += work.get();
		}
		long[] t = new long[runs];
		for (int i = 0; i < runs; i++) {
			long s = System.nanoTime();
			sink += work.get();
			t[i] = System.nanoTime() - s;
		}
		Arrays.sort(t);
		double ms = t[runs / 2] / 1e6;
		System.out.printf(Locale.ROOT, "| %-58s | %8.2f | %6d | %9.1f | %7.1f |%s%n", name, mbytes, terms, ms,
				mbytes / (ms / 1000), sink == 42 ? " " : "");
	}

	private static String randomWord(Random rnd, int len) {
		char[] c = new char[len];
		for (int i = 0; i < len; i++) {
			c[i] = LETTERS.charAt(rnd.nextInt(26));
		}
		return new String(c);
	}

	/**
	 * random words, about 5% of them terms, 10% capitalised, sentences with punctuation
	 */
	static String asciiText(Random rnd, List<String> terms, int chars) {
		StringBuilder sb = new StringBuilder(chars + 100);
		while (sb.length() < chars) {
			String w = rnd.nextInt(20) == 0 ? terms.get(rnd.nextInt(terms.size()))
					: randomWord(rnd, 2 + rnd.nextInt(9));
			if (rnd.nextInt(10) == 0) {
				w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
			}
			sb.append(w);
			int p = rnd.nextInt(12);
			sb.append(p == 0 ? ". " : p == 1 ? ", " : " ");
		}
		return sb.toString();
	}

	static String mixedText(Random rnd, List<String> terms, int chars) {
		String[] exotic = { "Ｆｕｌｌｗｉｄｔｈ", "kіll", "naïve", "café", "我要殺了你", "今天天气很好", "𝐛𝐨𝐥𝐝", "привет", "k\u200Bill",
				"Straße" };
		StringBuilder sb = new StringBuilder(chars + 100);
		while (sb.length() < chars) {
			int r = rnd.nextInt(20);
			String w = r < 5 ? exotic[rnd.nextInt(exotic.length)]
					: r == 5 ? terms.get(rnd.nextInt(terms.size())) : randomWord(rnd, 2 + rnd.nextInt(9));
			sb.append(w).append(rnd.nextInt(12) == 0 ? ". " : " ");
		}
		return sb.toString();
	}

	/** short texts, each with two snippets that are (or look like) contact details */
	static String[] contactTexts(Random rnd, int count) {
		String[] snippets = { "call 138 0013 8000", "visit shop-deals.xyz/promo", "mail sales@example.com",
				"on 2024-05-17 at 10:30", "version 3.14.2", "price $12,500", "ring +44 20 7946 0958",
				"see example dot com", "vx: wxid_888", "order 2023-0001 in room 301", "ip 192.168.1.1",
				"office (212) 555-0147", "isbn 978-3-16-148410-0", "www.example.org/x", "tel 010-12345678" };
		String[] texts = new String[count];
		for (int i = 0; i < count; i++) {
			StringBuilder sb = new StringBuilder(220);
			int at = rnd.nextInt(8);
			for (int w = 0; sb.length() < 200; w++) {
				if (w == at || w == at + 12) {
					sb.append(snippets[rnd.nextInt(snippets.length)]).append(' ');
				}
				sb.append(randomWord(rnd, 2 + rnd.nextInt(9))).append(rnd.nextInt(12) == 0 ? ". " : " ");
			}
			texts[i] = sb.toString();
		}
		return texts;
	}

}
