package dev.vetter.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.vetter.detection.text.DefaultTextDetector;
import dev.vetter.policy.BizTypePolicy;

/**
 * The text-quality benchmark: the default policy over every prepared set in
 * {@code bench/text-quality/data/} (see bench/text-quality/README.md). Run with
 * {@code bench/text-quality/run.sh}. Prints a table; asserts nothing.
 */
public final class TextQualityBench {

	static final List<String> SETS = List.of("olid-dev", "olid-test", "stormfront-dev", "stormfront-test",
			"hatecheck-dev", "hatecheck-test", "cold-dev", "cold-test", "davidson-outside");

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args.length > 0 ? args[0] : "bench/text-quality/data");
		if (args.length > 2 && args[1].equals("--terms")) {
			// development aid: which findings flag the clean posts of one set (never run
			// it on
			// the outside measure)
			TextQuality quality = new TextQuality(new DefaultTextDetector(), BizTypePolicy.DEFAULT);
			java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
			try (InputStream in = Files.newInputStream(dir.resolve(args[2] + ".tsv"))) {
				for (TextQuality.Post p : TextQuality.read(in)) {
					if (p.label().equals(args.length > 3 ? args[3] : "clean")) {
						for (TextVerdict.Finding f : quality.judge(p.text()).findings()) {
							for (TextVerdict.Context c : f.contexts()) {
								String key = f.label() + " "
										+ (c.rule() != null ? c.rule() : c.context().toLowerCase());
								counts.merge(key, 1, Integer::sum);
							}
						}
					}
				}
			}
			counts.entrySet()
				.stream()
				.sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
				.limit(80)
				.forEach(e -> System.out.println(e.getValue() + "\t" + e.getKey()));
			return;
		}
		TextQuality quality = new TextQuality(new DefaultTextDetector(), BizTypePolicy.DEFAULT);
		System.out.println(TextQuality.header());
		// the existing corpus first: the evasions and look-alikes the engine's tests
		// already pass, beside the real posts
		System.out.println(TextQuality.row(quality.evaluate("evasion corpus (committed)", committed("evasion"))));
		for (String set : SETS) {
			Path file = dir.resolve(set + ".tsv");
			if (!Files.exists(file)) {
				System.out.println("| " + set + " | missing: run bench/text-quality/fetch.sh and prepare.py |");
				continue;
			}
			try (InputStream in = Files.newInputStream(file)) {
				System.out.println(TextQuality.row(quality.evaluate(set, TextQuality.read(in))));
			}
		}
		for (String sample : List.of("ci-cold", "ci-hatecheck")) {
			System.out.println(TextQuality.row(quality.evaluate(sample + " (committed)", committed(sample))));
		}
	}

	/** A committed sample of src/test/resources/text-quality/. */
	static List<TextQuality.Post> committed(String name) throws IOException {
		try (InputStream in = TextQualityBench.class.getResourceAsStream("/text-quality/" + name + ".tsv")) {
			return TextQuality.read(in);
		}
	}

}
