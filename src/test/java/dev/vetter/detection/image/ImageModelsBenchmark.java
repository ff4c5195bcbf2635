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
		System.out.printf("%npeak heap (sum of pool peaks) %d MB, peak RSS %s, %d cores, %s%n", heap >> 20, rss,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
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
