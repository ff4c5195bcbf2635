package dev.vetter.detection.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * NSFW classification with the nsfwjs MobileNetV2 model (MIT; Drawing, Hentai, Neutral,
 * Porn, Sexy), run by our own pure-Java interpreter ({@link KerasNetwork}); see
 * {@code docs/adr/0002-nsfwjs-interpreter.md}. Preprocessing is nsfwjs's: RGB pixels /
 * 255, then bilinear resize with {@code alignCorners=true} to the model's input size.
 * Thread-safe; each call uses one core for roughly 60-70 ms (see
 * {@code docs/benchmarks.md}).
 */
public final class NsfwClassifier {

	static final String BUNDLED = "models/nsfwjs/mobilenet_v2/";

	private final KerasNetwork network;

	private final NsfwProperties properties;

	NsfwClassifier(KerasNetwork network, NsfwProperties properties) {
		this.network = network;
		this.properties = properties;
		if (network.outputSize() != NsfwScores.CLASSES.size() || network.inputShape().c() != 3) {
			throw new ModelFileCorrupt("model must take RGB input and give " + NsfwScores.CLASSES.size()
					+ " scores, got input " + network.inputShape() + " and " + network.outputSize() + " outputs");
		}
	}

	/** Loads the model named by the properties (the bundled one by default). */
	public static NsfwClassifier load(NsfwProperties properties) {
		String dir = properties.modelDirectory();
		if (dir == null || dir.isBlank()) {
			return load(name -> classpath(BUNDLED + name), properties);
		}
		Path base = Path.of(dir);
		return load(name -> {
			try {
				return Files.readString(base.resolve(name), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new ModelFileCorrupt("model file " + base.resolve(name) + " cannot be read: " + ex, ex);
			}
		}, properties);
	}

	/** Loads from a source of model files by name ({@code model.min.js}, shard files). */
	static NsfwClassifier load(ModelSource source, NsfwProperties properties) {
		return new NsfwClassifier(network(source), properties);
	}

	/** The interpreted network of a model's files. */
	static KerasNetwork network(ModelSource source) {
		JsonNode root = TfjsModelFiles.topology(source.read("model.min.js"));
		List<byte[]> shards = new ArrayList<>();
		int total = 0;
		for (JsonNode group : root.path("weightsManifest")) {
			for (JsonNode path : group.path("paths")) {
				String name = path.asString("");
				if (!name.matches("[A-Za-z0-9_.-]+")) {
					throw new ModelFileCorrupt("weights manifest: bad shard name '" + name + "'");
				}
				byte[] b = TfjsModelFiles.shard(source.read(name + ".min.js"), name);
				shards.add(b);
				total += b.length;
			}
		}
		byte[] all = new byte[total];
		int at = 0;
		for (byte[] b : shards) {
			System.arraycopy(b, 0, all, at, b.length);
			at += b.length;
		}
		Map<String, TfjsModelFiles.Tensor> weights = TfjsModelFiles.weights(root.path("weightsManifest"), all);
		return KerasNetwork.build(root, weights);
	}

	/** Reads one model file as text. */
	@FunctionalInterface
	interface ModelSource {

		String read(String name);

	}

	private static String classpath(String resource) {
		try (InputStream in = NsfwClassifier.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new ModelFileCorrupt("model file " + resource + " is not on the classpath");
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			in.transferTo(out);
			return out.toString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Scores one image of any type. */
	public NsfwScores classify(BufferedImage image) {
		ImageInput.check(image, 1, properties.maxPixels());
		return NsfwScores.of(network.run(preprocess(image, network.inputShape().h(), network.inputShape().w())));
	}

	/**
	 * {@link #classify}, adding thread CPU nanoseconds per layer kind (and the resize) to
	 * {@code cpuByKind}; for the benchmark's breakdown.
	 */
	NsfwScores profile(BufferedImage image, Map<String, Long> cpuByKind) {
		var threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long t = threads.getCurrentThreadCpuTime();
		float[] input = preprocess(image, network.inputShape().h(), network.inputShape().w());
		cpuByKind.merge("resize to " + network.inputShape(), threads.getCurrentThreadCpuTime() - t, Long::sum);
		return NsfwScores.of(network.run(input, cpuByKind));
	}

	/**
	 * nsfwjs's preprocessing: RGB to float32 / 255, then (unless already the target size)
	 * tfjs's {@code resizeBilinear} with
	 * {@code alignCorners=true, halfPixelCenters=false}.
	 */
	static float[] preprocess(BufferedImage image, int outH, int outW) {
		int h = image.getHeight();
		int w = image.getWidth();
		int[] rgb = ImageInput.rgb(image);
		if (h == outH && w == outW) {
			float[] src = new float[h * w * 3];
			for (int i = 0; i < rgb.length; i++) {
				for (int d = 0; d < 3; d++) {
					src[i * 3 + d] = channel(rgb[i], d);
				}
			}
			return src;
		}
		// only the four neighbours of each output pixel are read (a 1 MP frame is not
		// converted to floats as a whole); the arithmetic is the same per value
		float[] dst = new float[outH * outW * 3];
		double rowRatio = (outH > 1 ? h - 1 : h) / (double) (outH > 1 ? outH - 1 : outH);
		double colRatio = (outW > 1 ? w - 1 : w) / (double) (outW > 1 ? outW - 1 : outW);
		int o = 0;
		for (int r = 0; r < outH; r++) {
			double fr = rowRatio * r;
			int top = Math.max(0, (int) Math.floor(fr));
			int bottom = Math.min(h - 1, (int) Math.ceil(fr));
			double rowFrac = fr - top;
			for (int c = 0; c < outW; c++) {
				double fc = colRatio * c;
				int left = Math.max(0, (int) Math.floor(fc));
				int right = Math.min(w - 1, (int) Math.ceil(fc));
				double colFrac = fc - left;
				int ptl = rgb[top * w + left];
				int ptr = rgb[top * w + right];
				int pbl = rgb[bottom * w + left];
				int pbr = rgb[bottom * w + right];
				for (int d = 0; d < 3; d++) {
					double tl = channel(ptl, d);
					double tr = channel(ptr, d);
					double bl = channel(pbl, d);
					double br = channel(pbr, d);
					double t = tl + (tr - tl) * colFrac;
					double b = bl + (br - bl) * colFrac;
					dst[o++] = (float) (t + (b - t) * rowFrac);
				}
			}
		}
		return dst;
	}

	/** channel {@code d} (0 red, 1 green, 2 blue) of a packed pixel, / 255 */
	private static float channel(int rgb, int d) {
		return ((rgb >> (16 - 8 * d)) & 0xff) / 255f;
	}

}
