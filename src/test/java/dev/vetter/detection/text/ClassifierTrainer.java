package dev.vetter.detection.text;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code out.bin.gz bits charMax epochs l2 train.tsv[,train2.tsv...] dev.tsv[,...] [cleanWeight]};
 * TSV rows are {@code label<TAB>text}, every label but {@code clean} is positive;
 * {@code cleanWeight} (default 1) weighs the loss of a clean row against an offensive one
 * (2: a false flag costs twice a miss).
 */
public final class ClassifierTrainer {

	record Doc(int[] buckets, int y) {
	}

	public static void main(String[] args) throws IOException {
		Path out = Path.of(args[0]);
		int bits = Integer.parseInt(args[1]);
		int charMax = Integer.parseInt(args[2]);
		int epochs = Integer.parseInt(args[3]);
		double l2 = Double.parseDouble(args[4]);
		List<Doc> train = load(args[5], bits, charMax);
		List<Doc> dev = load(args[6], bits, charMax);
		double cleanWeight = args.length > 7 ? Double.parseDouble(args[7]) : 1;
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
					z += w[b] * inv;
				}
				double p = LinearTextClassifier.sigmoid(z);
				loss -= d.y == 1 ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12));
				double err = (p - d.y) * (d.y == 0 ? cleanWeight : 1);
				for (int b : d.buckets) {
					double g = err * inv + l2 * w[b];
					g2[b] += g * g;
					w[b] -= (float) (lr * g / Math.sqrt(g2[b]));
				}
				gBias += err * err;
				bias -= lr * err / Math.sqrt(gBias);
			}
			System.out.printf(Locale.ROOT, "epoch %d: train loss %.4f, dev %s%n", epoch + 1, loss / train.size(),
					metrics(dev, w, (float) bias, 1, 0.5));
		}
		try (OutputStream os = Files.newOutputStream(out)) {
			LinearTextClassifier.write(os, bits, charMax, (float) bias, w);
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
		for (double t = 0.3; t < 0.96; t += 0.025) {
			System.out.printf(Locale.ROOT, "quantised, threshold %.2f: dev %s%n", t,
					metrics(dev, qw, q.bias, q.scale, t));
		}
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
				docs.add(new Doc(java.util.Arrays.copyOf(fs.buckets, fs.count), line.startsWith("clean\t") ? 0 : 1));
			}
		}
		return docs;
	}

}
