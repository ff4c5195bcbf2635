package dev.vetter.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.vetter.detection.text.DefaultTextDetector;
import dev.vetter.policy.BizTypePolicy;
import dev.vetter.policy.Suggestion;

/**
 * The text-quality benchmark: the default policy over every prepared set in
 * {@code bench/text-quality/data/} (see bench/text-quality/README.md). Run with
 * {@code bench/text-quality/run.sh}. Prints a table; asserts nothing.
 */
public final class TextQualityBench {

	static final List<String> SETS = List.of("olid-dev", "olid-test", "stormfront-dev", "stormfront-test",
			"hatecheck-dev", "hatecheck-test", "ethos-test", "cold-dev", "cold-test", "davidson-outside");

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args.length > 0 ? args[0] : "bench/text-quality/data");
		if (args.length > 3 && args[1].equals("--pick")) {
			List<Path> sets = java.util.Arrays.stream(args[2].split(",")).map(s -> dir.resolve(s + ".tsv")).toList();
			pick(sets, Double.parseDouble(args[3]), args.length > 4 ? Path.of(args[4]) : null);
			return;
		}
		if (args.length > 3 && args[1].equals("--en-threshold")) {
			// the threshold pick's check: the whole default policy over the evasion
			// corpus
			// and the given development sets at each candidate English threshold (never
			// on a test split or the outside measure)
			for (String t : args[2].split(",")) {
				TextQuality quality = new TextQuality(
						dev.vetter.detection.text.ClassifierProbe.detectorWithEnglishThreshold(Double.parseDouble(t)),
						BizTypePolicy.DEFAULT);
				System.out.println("English threshold " + t);
				System.out.println(TextQuality.header());
				System.out
					.println(TextQuality.row(quality.evaluate("evasion corpus (committed)", committed("evasion"))));
				for (String set : args[3].split(",")) {
					try (InputStream in = Files.newInputStream(dir.resolve(set + ".tsv"))) {
						System.out.println(TextQuality.row(quality.evaluate(set, TextQuality.read(in))));
					}
				}
			}
			return;
		}
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
		if (args.length > 2 && args[1].equals("--flagged")) {
			// development aid: the flagged posts of one set and label, with their
			// findings
			// (never run it on the outside measure)
			TextQuality quality = new TextQuality(new DefaultTextDetector(), BizTypePolicy.DEFAULT);
			try (InputStream in = Files.newInputStream(dir.resolve(args[2] + ".tsv"))) {
				for (TextQuality.Post p : TextQuality.read(in)) {
					TextVerdict v = quality.judge(p.text());
					if (p.label().equals(args.length > 3 ? args[3] : "clean") && v.suggestion() != Suggestion.PASS) {
						StringBuilder why = new StringBuilder();
						for (TextVerdict.Finding f : v.findings()) {
							for (TextVerdict.Context c : f.contexts()) {
								why.append(f.label())
									.append(' ')
									.append(Math.round(f.rate()))
									.append(' ')
									.append(c.rule() != null ? c.rule() : c.context().toLowerCase())
									.append("; ");
							}
						}
						System.out.println(v.suggestion() + "\t" + why + "\t" + p.text());
					}
				}
			}
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

	/**
	 * The classifier threshold of a development set: the default policy with the
	 * classifier off flags a post or not; the classifier's raw probability is added at
	 * each candidate threshold; printed: every candidate, then the one with the highest
	 * accuracy among those flagging at most {@code budget} of the set's clean posts
	 * (never run it on a test split or the outside measure). Approximate: a
	 * context-dependent term counts the classifier as its second signal in the real
	 * engine, so check the pick with the full run.
	 *
	 * <p>
	 * With {@code probabilities} (one line per post of the sets, in order: the
	 * out-of-fold probabilities written by {@code ClassifierTrainer cv}), those are used
	 * instead of the built-in model's: the pick for a model trained on these very posts.
	 * When every set has a {@code .groups} file beside it (one group per post: COLD's
	 * topics gender/race/region, written by prepare.py), the budget must also hold for
	 * the mean of the groups' clean-flagged shares (each group weighed equally): the mix
	 * of topics of the posts scanned later is unknown, and a set's own mix lets an easy,
	 * large group (COLD's race comments) hide the hard one (gender).
	 */
	static void pick(List<Path> sets, double budget, Path probabilities) throws IOException {
		TextQuality quality = new TextQuality(new DefaultTextDetector(), BizTypePolicy.DEFAULT, false);
		List<TextQuality.Post> posts = new java.util.ArrayList<>();
		List<String> groups = new java.util.ArrayList<>();
		for (Path set : sets) {
			try (InputStream in = Files.newInputStream(set)) {
				posts.addAll(TextQuality.read(in));
			}
			Path g = set.resolveSibling(set.getFileName().toString().replace(".tsv", ".groups"));
			if (groups != null && Files.exists(g)) {
				groups.addAll(Files.readAllLines(g));
			}
			else {
				groups = null;
			}
		}
		if (groups != null && groups.size() != posts.size()) {
			throw new IllegalArgumentException(groups.size() + " groups for " + posts.size() + " posts");
		}
		List<String> names = groups == null ? List.of() : groups.stream().distinct().sorted().toList();
		List<String> given = probabilities == null ? null : Files.readAllLines(probabilities);
		if (given != null && given.size() != posts.size()) {
			throw new IllegalArgumentException(
					probabilities + ": " + given.size() + " probabilities for " + posts.size() + " posts");
		}
		int n = posts.size(), bad = 0;
		boolean[] flagged = new boolean[n], clean = new boolean[n];
		double[] p = new double[n];
		for (int i = 0; i < n; i++) {
			TextQuality.Post post = posts.get(i);
			flagged[i] = quality.judge(post.text()).suggestion() != Suggestion.PASS;
			clean[i] = post.label().equals("clean");
			bad += clean[i] ? 0 : 1;
			p[i] = given != null ? Double.parseDouble(given.get(i))
					: dev.vetter.detection.text.ClassifierProbe.probability(post.text());
		}
		double bestAcc = -1;
		String best = "none within the budget";
		System.out.println("| threshold | recall | clean flagged | accuracy |"
				+ names.stream().map(g -> " " + g + ": clean flagged |").collect(java.util.stream.Collectors.joining())
				+ (names.isEmpty() ? "" : " mean of groups |"));
		for (int k = 300; k <= 990; k += 5) {
			double thr = k / 1000.0;
			int tp = 0, fp = 0;
			for (int i = 0; i < n; i++) {
				boolean f = flagged[i] || p[i] >= thr;
				tp += f && !clean[i] ? 1 : 0;
				fp += f && clean[i] ? 1 : 0;
			}
			double recall = (double) tp / bad, fpr = (double) fp / (n - bad), acc = (double) (tp + n - bad - fp) / n;
			String line = String.format(java.util.Locale.ROOT, "| %.3f | %.3f | %.3f | %.3f |", thr, recall, fpr, acc);
			// with groups (COLD's topics), the budget holds for their mean too (each
			// group
			// weighed equally)
			double groupSum = 0;
			for (String g : names) {
				int gClean = 0, gFp = 0;
				for (int i = 0; i < n; i++) {
					if (clean[i] && groups.get(i).equals(g)) {
						gClean++;
						gFp += flagged[i] || p[i] >= thr ? 1 : 0;
					}
				}
				double r = (double) gFp / gClean;
				groupSum += r;
				line += String.format(java.util.Locale.ROOT, " %.3f |", r);
			}
			double groupMean = names.isEmpty() ? fpr : groupSum / names.size();
			if (!names.isEmpty()) {
				line += String.format(java.util.Locale.ROOT, " mean %.3f |", groupMean);
			}
			System.out.println(line);
			if (fpr <= budget && groupMean <= budget && acc > bestAcc) {
				bestAcc = acc;
				best = line;
			}
		}
		System.out.println("pick (budget " + budget + "): " + best);
	}

	/** A committed sample of src/test/resources/text-quality/. */
	static List<TextQuality.Post> committed(String name) throws IOException {
		try (InputStream in = TextQualityBench.class.getResourceAsStream("/text-quality/" + name + ".tsv")) {
			return TextQuality.read(in);
		}
	}

}
