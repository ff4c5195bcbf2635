package dev.vetter.moderation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.vetter.detection.TextAnalysis;
import dev.vetter.detection.TextDetector;
import dev.vetter.policy.BizTypePolicy;
import dev.vetter.policy.Suggestion;
import dev.vetter.policy.TextPolicy;

/**
 * Quality of the text engine under a bizType policy on a labelled set of posts: recall
 * per bad label and the share of clean posts flagged (any suggestion other than
 * {@code pass}), exactly as {@link TextModeration#judge} decides for a scan. Used by the
 * benchmark ({@code bench/text-quality/run.sh}) and by the CI sample test.
 */
final class TextQuality {

	/** One labelled post: label is {@code clean}, {@code offensive} or {@code hate}. */
	record Post(String label, String text) {
	}

	/** Counts for one set. */
	record Result(String set, Map<String, int[]> byLabel, Map<String, Integer> cleanFlaggedBy) {

		/** posts with this gold label */
		int total(String label) {
			int[] c = byLabel.get(label);
			return c == null ? 0 : c[0];
		}

		/**
		 * share of posts with this gold label the policy flagged (recall for bad labels)
		 */
		double flaggedShare(String label) {
			int[] c = byLabel.get(label);
			return c == null || c[0] == 0 ? Double.NaN : (double) c[1] / c[0];
		}

		/** recall over every non-clean label together */
		double badRecall() {
			int n = 0, f = 0;
			for (Map.Entry<String, int[]> e : byLabel.entrySet()) {
				if (!e.getKey().equals("clean")) {
					n += e.getValue()[0];
					f += e.getValue()[1];
				}
			}
			return n == 0 ? Double.NaN : (double) f / n;
		}

		/** (bad flagged + clean passed) / all */
		double accuracy() {
			int n = 0, right = 0;
			for (Map.Entry<String, int[]> e : byLabel.entrySet()) {
				n += e.getValue()[0];
				right += e.getKey().equals("clean") ? e.getValue()[0] - e.getValue()[1] : e.getValue()[1];
			}
			return (double) right / n;
		}

	}

	private final TextDetector detector;

	private final TextPolicy policy;

	/** false: the classifier is off (the threshold pick adds it by hand) */
	private final boolean classifier;

	TextQuality(TextDetector detector, BizTypePolicy policy) {
		this(detector, policy, true);
	}

	TextQuality(TextDetector detector, BizTypePolicy policy, boolean classifier) {
		this.detector = detector;
		this.policy = new TextPolicy("quality", policy, detector.compile(List.of()));
		this.classifier = classifier;
	}

	TextVerdict judge(String text) {
		TextAnalysis a = detector.analyze(text, List.of(policy.libraryTerms()), new TextDetector.Options(
				policy.policy().lexicons(), policy.policy().rules(), classifier && policy.policy().lexicons()));
		return TextModeration.judge("q", text, a, policy);
	}

	Result evaluate(String set, List<Post> posts) {
		Map<String, int[]> byLabel = new TreeMap<>();
		Map<String, Integer> cleanFlaggedBy = new TreeMap<>();
		for (Post p : posts) {
			TextVerdict v = judge(p.text());
			boolean flagged = v.suggestion() != Suggestion.PASS;
			int[] c = byLabel.computeIfAbsent(p.label(), k -> new int[2]);
			c[0]++;
			if (flagged) {
				c[1]++;
				if (p.label().equals("clean")) {
					cleanFlaggedBy.merge(v.label(), 1, Integer::sum);
				}
			}
		}
		return new Result(set, byLabel, cleanFlaggedBy);
	}

	static List<Post> read(InputStream in) {
		List<Post> posts = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = r.readLine()) != null) {
				int tab = line.indexOf('\t');
				if (tab > 0 && !line.startsWith("#")) {
					posts.add(new Post(line.substring(0, tab), line.substring(tab + 1)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return posts;
	}

	static String header() {
		return String.format(Locale.ROOT, "| %-22s | %6s | %8s | %8s | %8s | %8s | %8s | %s |", "set", "posts", "hate",
				"offens.", "bad rec.", "clean fl", "accuracy", "clean posts flagged by label") + "\n|" + "-".repeat(24)
				+ "|--------|----------|----------|----------|----------|----------|" + "-".repeat(30) + "|";
	}

	static String row(Result r) {
		int n = r.byLabel().values().stream().mapToInt(c -> c[0]).sum();
		return String.format(Locale.ROOT, "| %-22s | %6d | %8s | %8s | %8s | %8s | %8.3f | %s |", r.set(), n,
				pct(r.flaggedShare("hate")), pct(r.flaggedShare("offensive")), pct(r.badRecall()),
				pct(r.flaggedShare("clean")), r.accuracy(), r.cleanFlaggedBy());
	}

	private static String pct(double d) {
		return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * d);
	}

}
