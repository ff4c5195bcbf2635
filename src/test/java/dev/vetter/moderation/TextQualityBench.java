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

	static final List<String> SETS = List.of("olid-dev", "olid-test", "hatecheck-dev", "hatecheck-test", "cold-dev",
			"cold-test", "davidson-outside");

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args.length > 0 ? args[0] : "bench/text-quality/data");
		TextQuality quality = new TextQuality(new DefaultTextDetector(), BizTypePolicy.DEFAULT);
		System.out.println(TextQuality.header());
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
		try (InputStream in = TextQualityBench.class.getResourceAsStream("/text-quality/ci-sample.tsv")) {
			if (in != null) {
				System.out.println(TextQuality.row(quality.evaluate("ci-sample (committed)", TextQuality.read(in))));
			}
		}
	}

}
