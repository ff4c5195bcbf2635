package dev.vetter.detection.text;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.vetter.detection.TextDetector;

/**
 * CPU cost of the text classifier, per thread (not wall clock: the build machine is
 * shared). Run:
 * {@code mvn -B test -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=TextClassifierCpuBench}
 * (optional {@code -Dbench.rounds=15}, {@code -Dbench.enWeights=<other abuse-en.bin.gz>}
 * with {@code -Dbench.enThreshold=0.75} to time other English weights in the same JVM,
 * {@code -Dbench.data=bench/text-quality/data} to add OLID dev's tweets). Prints thread
 * CPU µs per {@code analyze} (and per bare English score) over the committed text-quality
 * samples, variants interleaved round by round; median and minimum of the rounds. Asserts
 * nothing.
 */
@Tag("bench")
class TextClassifierCpuBench {

	private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

	@Test
	void cpuPerAnalyze() throws IOException {
		int rounds = Integer.getInteger("bench.rounds", 15);
		Map<String, List<String>> sets = new LinkedHashMap<>();
		sets.put("English (evasion + ci-hatecheck)", concat(resource("evasion"), resource("ci-hatecheck")));
		sets.put("Chinese (ci-cold)", resource("ci-cold"));
		String data = System.getProperty("bench.data");
		if (data != null && Files.exists(Path.of(data, "olid-dev.tsv"))) {
			sets.put("OLID dev tweets", texts(Files.readAllLines(Path.of(data, "olid-dev.tsv"))));
		}
		CompiledTerms lexicon = BuiltinLexicon.compile(BuiltinLexicon.readAll());
		AbuseClassifier committed = AbuseClassifier.builtin();
		Map<String, Runner> variants = new LinkedHashMap<>();
		DefaultTextDetector withCommitted = new DefaultTextDetector(lexicon, committed);
		variants.put("analyze, classifier off", new Runner(
				t -> withCommitted.analyze(t, List.of(), new TextDetector.Options(true, true, false)), null));
		variants.put("analyze, committed weights",
				new Runner(t -> withCommitted.analyze(t, List.of(), TextDetector.Options.ALL), committed));
		String other = System.getProperty("bench.enWeights");
		if (other != null) {
			LinearTextClassifier en;
			try (InputStream in = Files.newInputStream(Path.of(other))) {
				en = LinearTextClassifier.read(in);
			}
			LinearTextClassifier zh;
			try (InputStream in = getClass().getResourceAsStream("/classifier/abuse-zh.bin.gz")) {
				zh = LinearTextClassifier.read(in);
			}
			AbuseClassifier alt = new AbuseClassifier(zh, AbuseClassifier.ZH_THRESHOLD, en,
					Double.parseDouble(System.getProperty("bench.enThreshold", "" + AbuseClassifier.EN_THRESHOLD)));
			DefaultTextDetector withOther = new DefaultTextDetector(lexicon, alt);
			variants.put("analyze, " + Path.of(other).getFileName(),
					new Runner(t -> withOther.analyze(t, List.of(), TextDetector.Options.ALL), alt));
		}
		System.out.println("| texts | variant | µs CPU per text, median | min | classifier rate ≥ 50 |");
		System.out.println("|---|---|---|---|---|");
		for (Map.Entry<String, List<String>> set : sets.entrySet()) {
			List<String> texts = set.getValue();
			List<String> names = new ArrayList<>(variants.keySet());
			double[][] us = new double[names.size()][rounds];
			for (int warm = 0; warm < 3; warm++) {
				for (Runner r : variants.values()) {
					time(texts, r.op);
				}
			}
			for (int round = 0; round < rounds; round++) {
				// rotate the order so that no variant always runs first
				for (int k = 0; k < names.size(); k++) {
					int v = (round + k) % names.size();
					us[v][round] = time(texts, variants.get(names.get(v)).op);
				}
			}
			for (int v = 0; v < names.size(); v++) {
				Runner r = variants.get(names.get(v));
				long flagged = r.classifier == null ? -1
						: texts.stream().filter(t -> r.classifier.rate(t) >= 50).count();
				System.out.printf(Locale.ROOT, "| %s (%d) | %s | %.1f | %.1f | %s |%n", set.getKey(), texts.size(),
						names.get(v), median(us[v]), Arrays.stream(us[v]).min().orElse(0),
						flagged < 0 ? "–" : flagged + " of " + texts.size());
			}
			// the bare classifier (model by script, features, table lookups) per variant,
			// interleaved like the rows above
			List<NormalizedText> folded = texts.stream().map(NormalizedText::fresh).toList();
			List<String> rated = names.stream().filter(n -> variants.get(n).classifier != null).toList();
			double[][] score = new double[rated.size()][rounds];
			for (int round = 0; round < rounds; round++) {
				for (int k = 0; k < rated.size(); k++) {
					int v = (round + k) % rated.size();
					AbuseClassifier c = variants.get(rated.get(v)).classifier;
					long s = CPU.getCurrentThreadCpuTime();
					double sink = 0;
					for (int rep = 0; rep < 20; rep++) {
						for (NormalizedText t : folded) {
							sink += c.rate(t);
						}
					}
					score[v][round] = (CPU.getCurrentThreadCpuTime() - s) / 1e3 / (20.0 * folded.size());
					if (sink < 0) {
						throw new AssertionError();
					}
				}
			}
			for (int v = 0; v < rated.size(); v++) {
				String name = rated.get(v);
				System.out.printf(Locale.ROOT, "| %s (%d) | classifier rate only, %s | %.2f | %.2f | |%n", set.getKey(),
						texts.size(), name.substring(name.indexOf(", ") + 2), median(score[v]),
						Arrays.stream(score[v]).min().orElse(0));
			}
		}
	}

	record Runner(Consumer<String> op, AbuseClassifier classifier) {
	}

	/** thread CPU µs per text of five passes over the texts */
	private static double time(List<String> texts, Consumer<String> op) {
		long s = CPU.getCurrentThreadCpuTime();
		for (int rep = 0; rep < 5; rep++) {
			for (String t : texts) {
				op.accept(t);
			}
		}
		return (CPU.getCurrentThreadCpuTime() - s) / 1e3 / (5.0 * texts.size());
	}

	private static double median(double[] xs) {
		double[] c = xs.clone();
		Arrays.sort(c);
		return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
	}

	private static List<String> resource(String name) throws IOException {
		try (InputStream in = TextClassifierCpuBench.class.getResourceAsStream("/text-quality/" + name + ".tsv")) {
			return texts(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
		}
	}

	private static List<String> texts(List<String> lines) {
		return lines.stream().filter(l -> l.indexOf('\t') > 0).map(l -> l.substring(l.indexOf('\t') + 1)).toList();
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
