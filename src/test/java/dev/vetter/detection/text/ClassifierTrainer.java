package dev.vetter.detection.text;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains {@link LinearTextClassifier} weights: logistic regression, AdaGrad, L2, fixed
 * seed, so the same data gives the same bytes. Run with
 * {@code bench/text-quality/train.sh} (see src/main/resources/classifier/README.md). Not
 * a unit test.
 *
 * <p>
 * Arguments:
 * {@code out.bin.gz bits charMax epochs l2 train.tsv[,train2.tsv...] dev.tsv[,...]|- [cleanWeight [plain|nb [devProbabilities.txt]]]};
 * TSV rows are {@code label<TAB>text}, every label but {@code clean} is positive;
 * {@code cleanWeight} (default 1) weighs the loss of a clean row against an offensive one
 * (2: a false flag costs twice a miss); dev {@code -}: no development report (else the
 * quantised model's dev AUC and its recall / clean flagged / accuracy per threshold, and
 * with {@code devProbabilities.txt} one dev probability per row, in order).
 *
 * <p>
 * {@code nb}: NB-LR, the log-count-ratio scaling of Wang &amp; Manning 2012 (NBSVM): each
 * feature's value is multiplied by {@code r = log((p/|p|1) / (q/|q|1))}, {@code p} and
 * {@code q} the smoothed (alpha 1) counts of the training rows, positive and clean, that
 * hold the bucket (each row counted once per bucket). Since {@code w·(r∘x) = (w∘r)·x},
 * the saved weight of a bucket is {@code w·r}: the file format and the inference code are
 * the same as without it.
 *
 * <p>
 * Cross-validation (model selection without a test split):
 * {@code cv bits charMax epochs l2 files cleanWeight k [oof.txt]} trains k models, each
 * on k−1 folds of the rows of {@code files} (folds by a seeded shuffle), scores the
 * held-out fold, and prints the out-of-fold AUC and the classifier's recall and accuracy
 * at 2%, 4% and 6% of the clean rows flagged; {@code oof.txt} receives one out-of-fold
 * probability per row (the order of {@code files}), for the threshold pick of
 * {@code TextQualityBench --pick}.
 */
public final class ClassifierTrainer {

	record Doc(int[] buckets, int y) {
	}

	record Model(float[] w, float bias) {

		double p(Doc d) {
			double z = bias;
			double inv = d.buckets.length == 0 ? 0 : 1 / Math.sqrt(d.buckets.length);
			for (int b : d.buckets) {
				z += w[b] * inv;
			}
			return LinearTextClassifier.sigmoid(z);
		}

		/** as {@link LinearTextClassifier#score}: quantised weights times one scale */
		double p(Doc d, float scale) {
			double z = 0;
			for (int b : d.buckets) {
				z += w[b];
			}
			return LinearTextClassifier
				.sigmoid(bias + (d.buckets.length == 0 ? 0 : scale * z / Math.sqrt(d.buckets.length)));
		}

	}

	public static void main(String[] args) throws IOException {
		if (args[0].equals("cv")) {
			crossValidate(args);
			return;
		}
		Path out = Path.of(args[0]);
		int bits = Integer.parseInt(args[1]);
		int charMax = Integer.parseInt(args[2]);
		int epochs = Integer.parseInt(args[3]);
		double l2 = Double.parseDouble(args[4]);
		List<Doc> train = load(args[5], bits, charMax);
		List<Doc> dev = args[6].equals("-") ? List.of() : load(args[6], bits, charMax);
		double cleanWeight = args.length > 7 ? Double.parseDouble(args[7]) : 1;
		boolean nb = args.length > 8 && args[8].equals("nb");
		if (args.length > 8 && !nb && !args[8].equals("plain")) {
			throw new IllegalArgumentException("scaling: plain or nb, not " + args[8]);
		}
		int n = 1 << bits;
		float[] r = nb ? logCountRatios(train, bits, 1) : null;
		Model m = train(train, bits, epochs, l2, cleanWeight, dev, r);
		try (OutputStream os = Files.newOutputStream(out)) {
			LinearTextClassifier.write(os, bits, charMax, m.bias, m.w);
		}
		LinearTextClassifier q;
		try (var in = Files.newInputStream(out)) {
			q = LinearTextClassifier.read(in);
		}
		float[] qw = new float[n];
		for (int i = 0; i < n; i++) {
			qw[i] = q.weights[i];
		}
		System.out.printf(Locale.ROOT, "wrote %s (%d bytes)%n", out, Files.size(out));
		if (!dev.isEmpty()) {
			double[] p = new double[dev.size()];
			int[] y = new int[dev.size()];
			StringBuilder o = new StringBuilder();
			for (int i = 0; i < p.length; i++) {
				p[i] = new Model(qw, q.bias).p(dev.get(i), q.scale);
				y[i] = dev.get(i).y;
				o.append(String.format(Locale.ROOT, "%.6f%n", p[i]));
			}
			System.out.printf(Locale.ROOT, "quantised: dev AUC %.4f%n", auc(p, y));
			for (double t = 0.3; t < 0.96; t += 0.025) {
				System.out.printf(Locale.ROOT, "quantised, threshold %.3f: dev %s%n", t,
						metrics(dev, qw, q.bias, q.scale, t));
			}
			if (args.length > 9) {
				Files.writeString(Path.of(args[9]), o);
				System.out.println("wrote " + args[9] + " (dev probabilities, one per row)");
			}
		}
	}

	/**
	 * NB log-count ratio per bucket (Wang &amp; Manning 2012): {@code log((p/|p|1) /
	 * (q/|q|1))}, {@code p = alpha + } the number of positive rows holding the bucket,
	 * {@code q} the same over the clean rows.
	 */
	static float[] logCountRatios(List<Doc> train, int bits, double alpha) {
		int n = 1 << bits;
		double[] pos = new double[n], neg = new double[n];
		Arrays.fill(pos, alpha);
		Arrays.fill(neg, alpha);
		for (Doc d : train) {
			double[] c = d.y == 1 ? pos : neg;
			for (int b : Arrays.stream(d.buckets).distinct().toArray()) {
				c[b]++;
			}
		}
		double posSum = Arrays.stream(pos).sum(), negSum = Arrays.stream(neg).sum();
		float[] r = new float[n];
		for (int b = 0; b < n; b++) {
			r[b] = (float) Math.log((pos[b] / posSum) / (neg[b] / negSum));
		}
		return r;
	}

	/**
	 * Logistic regression by AdaGrad; {@code r} (or null: 1) scales each bucket's feature
	 * value, and the returned weights have it folded in ({@code w·r}).
	 */
	static Model train(List<Doc> train, int bits, int epochs, double l2, double cleanWeight, List<Doc> dev, float[] r) {
		int n = 1 << bits;
		float[] w = new float[n];
		double[] g2 = new double[n];
		double bias = 0, gBias = 1e-6;
		double lr = 0.2;
		Random rnd = new Random(20240601);
		for (int epoch = 0; epoch < epochs; epoch++) {
			List<Doc> order = new ArrayList<>(train);
			java.util.Collections.shuffle(order, rnd);
			double loss = 0;
			for (Doc d : order) {
				double inv = d.buckets.length == 0 ? 0 : 1 / Math.sqrt(d.buckets.length);
				double z = bias;
				for (int b : d.buckets) {
					z += w[b] * inv * (r == null ? 1 : r[b]);
				}
				double p = LinearTextClassifier.sigmoid(z);
				loss -= d.y == 1 ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12));
				double err = (p - d.y) * (d.y == 0 ? cleanWeight : 1);
				for (int b : d.buckets) {
					double g = err * inv * (r == null ? 1 : r[b]) + l2 * w[b];
					g2[b] += g * g;
					w[b] -= (float) (lr * g / Math.sqrt(g2[b]));
				}
				gBias += err * err;
				bias -= lr * err / Math.sqrt(gBias);
			}
			if (dev != null && !dev.isEmpty()) {
				System.out.printf(Locale.ROOT, "epoch %d: train loss %.4f, dev %s%n", epoch + 1, loss / train.size(),
						metrics(dev, folded(w, r), (float) bias, 1, 0.5));
			}
		}
		return new Model(folded(w, r), (float) bias);
	}

	/** the weights with the feature scaling folded in: {@code w·r} per bucket */
	static float[] folded(float[] w, float[] r) {
		if (r == null) {
			return w;
		}
		float[] f = new float[w.length];
		for (int b = 0; b < w.length; b++) {
			f[b] = w[b] * r[b];
		}
		return f;
	}

	static void crossValidate(String[] args) throws IOException {
		int bits = Integer.parseInt(args[1]);
		int charMax = Integer.parseInt(args[2]);
		List<Doc> all = load(args[5], bits, charMax);
		int k = Integer.parseInt(args[7]);
		int[] fold = new int[all.size()];
		Integer[] idx = new Integer[all.size()];
		for (int i = 0; i < idx.length; i++) {
			idx[i] = i;
		}
		java.util.Collections.shuffle(Arrays.asList(idx), new Random(20240602));
		for (int i = 0; i < idx.length; i++) {
			fold[idx[i]] = i % k;
		}
		int[] y = all.stream().mapToInt(Doc::y).toArray();
		// epochs, l2 and cleanWeight may be comma-separated lists: every combination
		for (String epochsArg : args[3].split(",")) {
			for (String l2Arg : args[4].split(",")) {
				for (String cwArg : args[6].split(",")) {
					int epochs = Integer.parseInt(epochsArg);
					double l2 = Double.parseDouble(l2Arg);
					double cleanWeight = Double.parseDouble(cwArg);
					double[] oof = new double[all.size()];
					for (int f = 0; f < k; f++) {
						List<Doc> train = new ArrayList<>();
						for (int i = 0; i < all.size(); i++) {
							if (fold[i] != f) {
								train.add(all.get(i));
							}
						}
						Model m = train(train, bits, epochs, l2, cleanWeight, null, null);
						for (int i = 0; i < all.size(); i++) {
							if (fold[i] == f) {
								oof[i] = m.p(all.get(i));
							}
						}
					}
					StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
							"cv bits=%d charMax=%d epochs=%d l2=%s cleanWeight=%s k=%d: auc %.4f", bits, charMax,
							epochs, l2Arg, cwArg, k, auc(oof, y)));
					for (double budget : new double[] { 0.02, 0.04, 0.06 }) {
						sb.append(String.format(Locale.ROOT, " | clean<=%.2f: %s", budget, atBudget(oof, y, budget)));
					}
					System.out.println(sb);
					if (args.length > 8) {
						StringBuilder o = new StringBuilder();
						for (double p : oof) {
							o.append(String.format(Locale.ROOT, "%.6f%n", p));
						}
						Files.writeString(Path.of(args[8]), o);
					}
				}
			}
		}
	}

	/** the lowest threshold flagging at most {@code budget} of the clean rows */
	static String atBudget(double[] p, int[] y, double budget) {
		int neg = 0, pos = 0;
		List<Double> clean = new ArrayList<>();
		for (int i = 0; i < p.length; i++) {
			if (y[i] == 0) {
				neg++;
				clean.add(p[i]);
			}
			else {
				pos++;
			}
		}
		clean.sort(null);
		int allowed = (int) Math.floor(budget * neg);
		double thr = clean.get(neg - 1 - allowed) + 1e-9;
		int tp = 0, fp = 0;
		for (int i = 0; i < p.length; i++) {
			if (p[i] >= thr) {
				if (y[i] == 1) {
					tp++;
				}
				else {
					fp++;
				}
			}
		}
		return String.format(Locale.ROOT, "thr %.3f recall %.3f acc %.3f", thr, (double) tp / pos,
				(double) (tp + neg - fp) / (pos + neg));
	}

	static double auc(double[] p, int[] y) {
		Integer[] idx = new Integer[p.length];
		for (int i = 0; i < idx.length; i++) {
			idx[i] = i;
		}
		Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
		double rankSum = 0;
		long pos = 0;
		int i = 0;
		while (i < idx.length) {
			int j = i;
			while (j + 1 < idx.length && p[idx[j + 1]] == p[idx[i]]) {
				j++;
			}
			double rank = (i + j) / 2.0 + 1;
			for (int t = i; t <= j; t++) {
				if (y[idx[t]] == 1) {
					rankSum += rank;
					pos++;
				}
			}
			i = j + 1;
		}
		long neg = p.length - pos;
		return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
	}

	static String metrics(List<Doc> docs, float[] w, float bias, float scale, double threshold) {
		int tp = 0, fp = 0, pos = 0, neg = 0;
		for (Doc d : docs) {
			double z = 0;
			for (int b : d.buckets) {
				z += w[b];
			}
			double p = LinearTextClassifier
				.sigmoid(bias + (d.buckets.length == 0 ? 0 : scale * z / Math.sqrt(d.buckets.length)));
			boolean flag = p >= threshold;
			if (d.y == 1) {
				pos++;
				tp += flag ? 1 : 0;
			}
			else {
				neg++;
				fp += flag ? 1 : 0;
			}
		}
		return String.format(Locale.ROOT, "recall %.3f clean-flagged %.3f accuracy %.3f", (double) tp / pos,
				(double) fp / neg, (double) (tp + neg - fp) / (pos + neg));
	}

	static List<Doc> load(String files, int bits, int charMax) throws IOException {
		List<Doc> docs = new ArrayList<>();
		int mask = (1 << bits) - 1;
		for (String file : files.split(",")) {
			for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
				int tab = line.indexOf('\t');
				if (tab <= 0) {
					continue;
				}
				NormalizedText t = NormalizedText.fresh(line.substring(tab + 1));
				LinearTextClassifier.Features fs = new LinearTextClassifier.Features();
				LinearTextClassifier.features(t.f, t.fLen, mask, charMax, fs);
				docs.add(new Doc(Arrays.copyOf(fs.buckets, fs.count), line.startsWith("clean\t") ? 0 : 1));
			}
		}
		return docs;
	}

}
