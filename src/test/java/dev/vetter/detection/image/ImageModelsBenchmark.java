package dev.vetter.detection.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * NSFW classifier and OCR speed. Run:
 * {@code mvn -B test -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=ImageModelsBenchmark}
 * (optional {@code -Dbench.nsfw=200 -Dbench.ocr=20}). Prints a table.
 */
@Tag("bench")
class ImageModelsBenchmark {

	@Test
	void imageModels() throws Exception {
		int nsfwRuns = Integer.getInteger("bench.nsfw", 200);
		int ocrRuns = Integer.getInteger("bench.ocr", 20);
		List<String> rows = new ArrayList<>();

		long t0 = System.nanoTime();
		NsfwClassifier nsfw = NsfwClassifier.load(NsfwProperties.defaults());
		rows.add(String.format("| NSFW model load | %.0f ms | | |", (System.nanoTime() - t0) / 1e6));
		List<BufferedImage> photos = List.of(NsfwClassifierTest.image("astronaut.png"),
				NsfwClassifierTest.image("chelsea.png"), NsfwClassifierTest.image("coffee.png"));
		for (int i = 0; i < 20; i++) {
			nsfw.classify(photos.get(i % 3));
		}
		double[] ms = new double[nsfwRuns];
		long start = System.nanoTime();
		for (int i = 0; i < nsfwRuns; i++) {
			long s = System.nanoTime();
			nsfw.classify(photos.get(i % 3));
			ms[i] = (System.nanoTime() - s) / 1e6;
		}
		double secs = (System.nanoTime() - start) / 1e9;
		rows.add(row("NSFW, 1 thread (" + nsfwRuns + " images, 300–512 px)", ms, nsfwRuns / secs));
		rows.add(parallel("NSFW, 2 threads", nsfwRuns, photos, nsfw::classify));

		t0 = System.nanoTime();
		try (TextRecognizer ocr = new TextRecognizer(OcrProperties.defaults())) {
			rows.add(String.format("| OCR start (2 engines) | %.0f ms | | |", (System.nanoTime() - t0) / 1e6));
			// a 1-megapixel photo (1224 x 816) with two caption lines
			BufferedImage captioned = TextRecognizerTest
				.caption("chelsea.png", 1224, List.of("CHEAP PILLS", "visit spam.example"),
						List.of(new int[] { 80, 120 }, new int[] { 400, 700 }), 64, new Color(255, 230, 40),
						new Color(60, 20, 0), -3)
				.image();
			BufferedImage plain = NsfwClassifierTest.image("coffee.png");
			for (int i = 0; i < 2; i++) {
				ocr.recognize(captioned);
			}
			double[] o = new double[ocrRuns];
			start = System.nanoTime();
			for (int i = 0; i < ocrRuns; i++) {
				long s = System.nanoTime();
				ocr.recognize(captioned);
				o[i] = (System.nanoTime() - s) / 1e6;
			}
			secs = (System.nanoTime() - start) / 1e9;
			rows.add(row("OCR, 1 MP photo + caption, 1 thread (4 passes)", o, ocrRuns / secs));
			rows.add(parallel("OCR, 1 MP photo + caption, 2 threads", ocrRuns, List.of(captioned), ocr::recognize));
			double[] p = new double[ocrRuns];
			for (int i = 0; i < ocrRuns; i++) {
				long s = System.nanoTime();
				ocr.recognize(plain);
				p[i] = (System.nanoTime() - s) / 1e6;
			}
			rows.add(row("OCR, 600x400 photo without text (upscaled to 800)", p, Double.NaN));
			System.out.println("text found: " + ocr.recognize(captioned).text().replace('\n', '|'));
		}

		long heap = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				heap += pool.getPeakUsage().getUsed();
			}
		}
		String rss = Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter(l -> l.startsWith("VmHWM"))
			.findFirst()
			.orElse("VmHWM: ?")
			.replaceAll("\\s+", " ");
		System.out.println();
		System.out.println("| case | p50 | p99 | images/s |");
		System.out.println("|---|---|---|---|");
		rows.forEach(System.out::println);
		System.out.println("load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		System.out.printf("%npeak heap (sum of pool peaks) %d MB, peak RSS %s, %d cores, %s%n", heap >> 20, rss,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
	}

	/**
	 * Thread CPU time per image of each detector on the frames the end-to-end benchmark
	 * scans (24 JPEGs of 1224x816 from the test photos: every third with a meme caption,
	 * every fifth with a QR code pasted in at 8 degrees), decoded as the service decodes
	 * them. CPU time, not wall time, so a loaded machine inflates it little.
	 */
	@Test
	void perDetectorCpu() {
		perDetectorCpu(NsfwClassifier.load(NsfwProperties.defaults())).forEach(System.out::println);
		System.out.println("load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	/**
	 * Where the NSFW interpreter's time goes: thread CPU ms per image by layer kind (and
	 * the resize), mean over the 3 test photos resized to 1224x816, 20 rounds after 10
	 * warm-up rounds.
	 */
	@Test
	void nsfwLayers() {
		NsfwClassifier nsfw = NsfwClassifier.load(NsfwProperties.defaults());
		List<BufferedImage> photos = new ArrayList<>();
		for (String name : List.of("astronaut.png", "chelsea.png", "coffee.png")) {
			photos.add(TestImages.resize(TestImages.photo(name), 1224, 816));
		}
		java.util.Map<String, Long> warm = new java.util.TreeMap<>();
		for (int i = 0; i < 30; i++) {
			nsfw.profile(photos.get(i % 3), warm);
		}
		java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
		int runs = 60;
		for (int i = 0; i < runs; i++) {
			nsfw.profile(photos.get(i % 3), cpu);
		}
		System.out.println();
		System.out.println("| NSFW layer kind | CPU ms/image |");
		System.out.println("|---|---:|");
		long total = 0;
		for (var e : cpu.entrySet()) {
			System.out.printf("| %s | %.1f |%n", e.getKey(), e.getValue() / 1e6 / runs);
			total += e.getValue();
		}
		System.out.printf("| **total** | **%.1f** |%n", total / 1e6 / runs);
		System.out.println("load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	/**
	 * OCR alone on the 24 end-to-end frames (JPEG-decoded as the service does): thread
	 * CPU ms per frame (mean of 3 rounds after 1 warm-up round) and every line read,
	 * frame by frame with its own CPU time.
	 */
	@Test
	void ocrPerFrame() {
		List<BufferedImage> frames = decodedFrames(Integer.getInteger("bench.frames", 24),
				i -> TestImages.benchmarkFrame(i));
		try (TextRecognizer ocr = new TextRecognizer(OcrProperties.defaults())) {
			double[] perFrame = new double[frames.size()];
			List<OcrResult> last = new ArrayList<>();
			List<TextRecognizer.Trace> traces = new ArrayList<>();
			int rounds = 3;
			for (int round = 0; round <= rounds; round++) {
				last.clear();
				traces.clear();
				for (int i = 0; i < frames.size(); i++) {
					TextRecognizer.Trace trace = new TextRecognizer.Trace();
					traces.add(trace);
					long t = cpu();
					last.add(ocr.recognize(frames.get(i), trace));
					if (round > 0) {
						perFrame[i] += (cpu() - t) / 1e6 / rounds;
					}
				}
			}
			int lines = 0, pills = 0;
			System.out.println();
			System.out.println("| frame | OCR CPU ms | path | lines read |");
			System.out.println("|---:|---:|---|---|");
			for (int i = 0; i < frames.size(); i++) {
				OcrResult r = last.get(i);
				lines += r.lines().size();
				pills += r.text().toLowerCase(java.util.Locale.ROOT).contains("pills") ? 1 : 0;
				System.out.printf("| %d | %.1f | %s | %s |%n", i, perFrame[i], traces.get(i),
						String.join(", ", r.lines().stream().map(l -> "`" + l.text() + "`").toList()));
			}
			System.out.printf("%nocrPerFrame: %.1f CPU ms per frame, %d lines, 'pills' in %d frames%n",
					Arrays.stream(perFrame).sum() / frames.size(), lines, pills);
		}
		System.out.println("load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	/** words drawn on each busy frame of {@link #ocrOnBusyFrames}, with their ink */
	static final String[][] BUSY_WORDS = { { "WATCHES", "BONUS", "casino", "DISCOUNT" },
			{ "FOLLOW", "crypto", "OFFER", "WINNER" }, { "REPLICA", "LOANS", "dating", "PROMO" } };

	static final Color[] BUSY_INKS = { Color.WHITE, Color.BLACK, new Color(70, 70, 70), new Color(190, 30, 30) };

	/**
	 * The 24 end-to-end frames with four words each drawn on them (sans-serif bold, 28–44
	 * px, in white, black, dark grey and red ink, no outline, at spots across the
	 * picture): how many of the 96 words OCR reads, by ink, and the CPU per frame.
	 */
	@Test
	void ocrOnBusyFrames() {
		int n = Integer.getInteger("bench.frames", 24);
		List<BufferedImage> frames = decodedFrames(n, ImageModelsBenchmark::busyFrame);
		try (TextRecognizer ocr = new TextRecognizer(OcrProperties.defaults())) {
			int[] readByInk = new int[BUSY_INKS.length];
			int read = 0;
			double ms = 0;
			List<String> missed = new ArrayList<>();
			for (int i = 0; i < frames.size(); i++) {
				ocr.recognize(frames.get(i));
				long t = cpu();
				String text = ocr.recognize(frames.get(i)).text().toLowerCase(java.util.Locale.ROOT);
				ms += (cpu() - t) / 1e6;
				String[] words = BUSY_WORDS[i % BUSY_WORDS.length];
				for (int k = 0; k < words.length; k++) {
					if (text.contains(words[k].toLowerCase(java.util.Locale.ROOT))) {
						read++;
						readByInk[k]++;
					}
					else {
						missed.add(i + ":" + words[k]);
					}
				}
			}
			System.out.printf(
					"%nocrOnBusyFrames: %d of %d words read (white %d, black %d, dark grey %d, red %d of %d"
							+ " each), %.1f CPU ms per frame%nmissed: %s%n",
					read, 4 * frames.size(), readByInk[0], readByInk[1], readByInk[2], readByInk[3], frames.size(),
					ms / frames.size(), missed);
		}
		System.out.println("load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	/**
	 * benchmark frame {@code i} with the four words of {@link #BUSY_WORDS} drawn on it
	 */
	static BufferedImage busyFrame(int i) {
		BufferedImage image = TestImages.rgb(TestImages.benchmarkFrame(i));
		java.awt.Graphics2D g = image.createGraphics();
		g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
		String[] words = BUSY_WORDS[i % BUSY_WORDS.length];
		for (int k = 0; k < words.length; k++) {
			g.setColor(BUSY_INKS[k]);
			g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 28 + 4 * ((i + k) % 5)));
			int x = 60 + ((i * 97 + k * 290) % 700);
			int y = 90 + k * 150 + (i * 23) % 60;
			g.drawString(words[k], x, y);
		}
		g.dispose();
		return image;
	}

	/** where word {@code k} of {@link #busyFrame(int) busy frame} {@code i} is drawn */
	static java.awt.Rectangle wordBox(int i, int k) {
		java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 28 + 4 * ((i + k) % 5));
		java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, true);
		java.awt.Rectangle r = new java.awt.font.TextLayout(BUSY_WORDS[i % BUSY_WORDS.length][k], font, frc)
			.getPixelBounds(frc, 0, 0);
		r.translate(60 + ((i * 97 + k * 290) % 700), 90 + k * 150 + (i * 23) % 60);
		return r;
	}

	static List<BufferedImage> decodedFrames(int n, java.util.function.IntFunction<BufferedImage> frame) {
		DefaultImageDecoder decoder = new DefaultImageDecoder(ImageLimits.DEFAULTS);
		List<BufferedImage> frames = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			byte[] jpeg = TestImages.jpeg(frame.apply(i), 0.85f);
			frames.add(decoder.decode(jpeg, dev.vetter.detection.FrameSampling.FIRST_FRAME).first().image());
		}
		return frames;
	}

	static List<String> perDetectorCpu(NsfwClassifier nsfw) {
		DefaultImageDecoder decoder = new DefaultImageDecoder(ImageLimits.DEFAULTS);
		List<dev.vetter.detection.DecodedImage.Frame> frames = new ArrayList<>();
		int images = Integer.getInteger("bench.frames", 24);
		double decodeCpu = 0;
		for (int i = 0; i < images; i++) {
			BufferedImage image = TestImages.benchmarkFrame(i);
			byte[] jpeg = TestImages.jpeg(image, 0.85f);
			long c = cpu();
			frames.add(decoder.decode(jpeg, dev.vetter.detection.FrameSampling.FIRST_FRAME).first());
			decodeCpu += (cpu() - c) / 1e6;
		}
		QrCodeDetector qr = new QrCodeDetector();
		List<String> out = new ArrayList<>();
		out.add("");
		out.add("Per detector, thread CPU ms per 1224x816 frame (" + images + " frames: " + (images + 1) / 3
				+ " captioned, " + (images + 2) / 5 + " with a QR code), mean of 3 rounds after 1 warm-up round:");
		out.add("");
		out.add("| detector | CPU ms/frame | found |");
		out.add("|---|---:|---|");
		out.add(String.format("| JPEG decode | %.1f | |", decodeCpu / images));
		try (TextRecognizer ocr = new TextRecognizer(OcrProperties.defaults())) {
			double total = decodeCpu / images;
			String[] found = new String[3];
			double[] ms = new double[3];
			List<String> read = new ArrayList<>();
			for (int round = 0; round < 4; round++) {
				long[] c = new long[3];
				int codes = 0, lines = 0, pillFrames = 0;
				for (dev.vetter.detection.DecodedImage.Frame f : frames) {
					long t = cpu();
					codes += qr.detect(f).size();
					long t1 = cpu();
					OcrResult text = ocr.recognize(f.image());
					long t2 = cpu();
					nsfw.classify(f.image());
					long t3 = cpu();
					c[0] += t1 - t;
					c[1] += t2 - t1;
					c[2] += t3 - t2;
					lines += text.lines().size();
					pillFrames += text.text().toLowerCase(java.util.Locale.ROOT).contains("pills") ? 1 : 0;
					if (round == 3 && !text.lines().isEmpty()) {
						read.add("frame " + frames.indexOf(f) + ": "
								+ text.lines().stream().map(l -> "`" + l.text() + "`").toList());
					}
				}
				found[0] = codes + " codes";
				found[1] = lines + " lines, 'pills' in " + pillFrames + " frames";
				found[2] = "";
				for (int k = 0; round > 0 && k < 3; k++) {
					ms[k] += c[k] / 1e6 / images / 3;
				}
			}
			String[] names = { "QR (ZXing)", "OCR (Tesseract)", "NSFW (interpreter, incl. resize)" };
			for (int k = 0; k < 3; k++) {
				out.add(String.format("| %s | %.1f | %s |", names[k], ms[k], found[k]));
				total += ms[k];
			}
			out.add(String.format("| **sum** | **%.1f** | |", total));
			out.add("");
			out.add("OCR lines read (last round):");
			read.forEach(out::add);
		}
		return out;
	}

	private static long cpu() {
		return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
	}

	interface Job<T> {

		Object run(T t);

	}

	static <T> String parallel(String name, int runs, List<T> inputs, Job<T> job) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			double[] ms = new double[runs];
			List<Future<?>> fs = new ArrayList<>();
			long start = System.nanoTime();
			for (int i = 0; i < runs; i++) {
				int k = i;
				fs.add(pool.submit(() -> {
					long s = System.nanoTime();
					job.run(inputs.get(k % inputs.size()));
					ms[k] = (System.nanoTime() - s) / 1e6;
					return null;
				}));
			}
			for (Future<?> f : fs) {
				f.get();
			}
			return row(name, ms, runs / ((System.nanoTime() - start) / 1e9));
		}
		finally {
			pool.shutdownNow();
		}
	}

	static String row(String name, double[] ms, double perSecond) {
		double[] s = ms.clone();
		Arrays.sort(s);
		return String.format("| %s | %.0f ms | %.0f ms | %s |", name, s[s.length / 2],
				s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)],
				Double.isNaN(perSecond) ? "" : String.format("%.1f", perSecond));
	}

}
