package dev.vetter.moderation;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.green.model.v20180509.ImageSyncScanRequest;
import com.aliyuncs.green.model.v20180509.TextScanRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.VideoAsyncScanResultsRequest;
import com.aliyuncs.green.model.v20180509.VoiceAsyncScanRequest;
import com.aliyuncs.green.model.v20180509.VoiceAsyncScanResultsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vetter.detection.MediaFixtures;
import dev.vetter.detection.image.TestImages;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end media benchmarks against a real Vetter (Spring Boot on a random port, the
 * embedded PostgreSQL, the real detectors), media served by a local HTTP server, every
 * call signed by Alibaba's SDK. Not part of {@code mvn verify} (tag {@code bench}).
 * <ul>
 * <li>{@link #image}: sync {@code /green/image/scan} (porn + ad + qrcode) on generated
 * 1-megapixel JPEGs at {@code bench.concurrency} requests at once, and the p99 of a paced
 * text-scan load alone and while the images run. Command: {@code bench/image/run.sh}.
 * <li>{@link #video}: a generated 60 s 720p H.264 video with speech through
 * {@code /green/video/asyncscan} (interval 1, porn + ad + qrcode, audio antispam) and the
 * same speech alone through {@code /green/voice/asyncscan}, polled to completion; then
 * the video again while paced text and image scans run, with their p99 alone and during
 * the job. Command: {@code bench/video/run.sh}.
 * </ul>
 * Each prints a markdown table with the machine; assertions only check that the work was
 * real (every answer a 200, the planted QR code and spam found), never a time.
 */
@Tag("bench")
@IntegrationTest
@TestPropertySource(properties = { "vetter.roles=api,worker,console", "vetter.security.allow-private-targets=true" })
class MediaScanBenchmark {

	static final MediaFiles media = new MediaFiles();

	@LocalServerPort
	int port;

	@TempDir
	Path dir;

	@AfterAll
	static void stopServer() {
		media.close();
	}

	// ------------------------------------------------------------------ image

	@Test
	void image() throws Exception {
		int concurrency = Integer.getInteger("bench.concurrency", 3);
		int warmup = Integer.getInteger("bench.warmup", 20);
		int seconds = Integer.getInteger("bench.imageSeconds", 60);
		int textRate = Integer.getInteger("bench.textRate", 20);
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		library(tenant);
		List<String> urls = megapixelImages(24);
		List<String> rows = new ArrayList<>();

		// warm-up: models load, JIT
		Load warm = imageLoad(tenant, urls, concurrency, warmup);
		System.err.printf(Locale.ROOT, "warm-up: %d images, %.1f/s%n", warm.count(), warm.perSecond());

		Latencies textAlone = pacedText(tenant, textRate, 20, null);
		resetPeaks();
		Latencies[] textDuring = new Latencies[1];
		long cpuBefore = processCpuNanos();
		Load images = imageLoad(tenant, urls, concurrency, seconds,
				stop -> textDuring[0] = pacedText(tenant, textRate, seconds, stop));
		long cpuPerImage = (processCpuNanos() - cpuBefore) / Math.max(1, images.count()) / 1_000_000;
		long heapPeak = heapPeak();

		rows.add(row("sync /green/image/scan, porn+ad+qrcode, 1 MP JPEG, " + concurrency + " at once",
				images.latencies(), String.format(Locale.ROOT, "%.1f images/s", images.perSecond())));
		rows.add(row("text scan alone, paced " + textRate + "/s", textAlone, ""));
		rows.add(row("text scan while images run", textDuring[0], ""));
		double p50 = images.latencies().percentile(50);
		print("Image scan end to end", rows,
				String.format(Locale.ROOT,
						"target sync scan p50 <= 400 ms: %s (%.0f ms)%ntarget >= 8 images/s: %s (%.1f)%n"
								+ "errors: %d; flagged: %d qrcode, %d ad-text of %d; heap peak (sum of pool peaks, "
								+ "measuring window) %d MB; process CPU per image %d ms (whole JVM: server, client, "
								+ "paced text load, GC)",
						p50 <= 400 ? "MET" : "NOT MET", p50, images.perSecond() >= 8 ? "MET" : "NOT MET",
						images.perSecond(), images.errors() + textAlone.errors() + textDuring[0].errors(),
						images.qrcodes(), images.adText(), images.count(), heapPeak >> 20, cpuPerImage));
		assertThat(images.errors()).isZero();
		if (images.count() >= urls.size()) {
			// every image was scanned at least once: the planted codes and captions were
			// found
			assertThat(images.qrcodes()).isPositive();
			assertThat(images.adText()).isPositive();
		}
	}

	/** a BLOCK text library with the phrases the generated media show and say */
	private static void library(Fixtures.TenantKey tenant) {
		long lib = tenant.api()
			.post("/v1/libraries", "{\"name\":\"bench\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("id")
			.asLong();
		tenant.api().post("/v1/libraries/" + lib + "/entries", "{\"entries\":[\"cheap pills\",\"bank account\"]}");
	}

	/**
	 * 1224 x 816 JPEGs (quality 85): the test photos cropped and tinted; every third with
	 * a caption, every fifth with a QR code pasted in, rotated
	 */
	private List<String> megapixelImages(int n) {
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int seed = i;
			BufferedImage image = TestImages.benchmarkFrame(i, frame -> tint(frame, seed));
			urls.add(media.serve("/img-" + i + ".jpg", TestImages.jpeg(image, 0.85f)));
		}
		return urls;
	}

	private static void tint(BufferedImage image, int seed) {
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(Color.HSBtoRGB(seed * 0.13f, 0.6f, 0.9f) & 0xffffff | 0x20000000, true));
		g.fillRect(0, 0, image.getWidth(), image.getHeight());
		g.dispose();
	}

	record Load(int count, double perSecond, Latencies latencies, int errors, int qrcodes, int adText) {
	}

	interface Companion {

		void run(AtomicBoolean stop);

	}

	private Load imageLoad(Fixtures.TenantKey tenant, List<String> urls, int concurrency, int seconds)
			throws Exception {
		return imageLoad(tenant, urls, concurrency, seconds, null);
	}

	/** a closed loop of one-image sync scans; {@code companion} runs alongside */
	private Load imageLoad(Fixtures.TenantKey tenant, List<String> urls, int concurrency, int seconds,
			Companion companion) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(concurrency + 1);
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger next = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		AtomicInteger qrcodes = new AtomicInteger();
		AtomicInteger adText = new AtomicInteger();
		Latencies latencies = new Latencies();
		try {
			Future<?> side = companion == null ? null : pool.submit(() -> companion.run(stop));
			List<Future<?>> workers = new ArrayList<>();
			long started = System.nanoTime();
			for (int t = 0; t < concurrency; t++) {
				GreenSdk sdk = new GreenSdk(port, tenant.accessKeyId(), tenant.secret());
				workers.add(pool.submit(() -> {
					while (!stop.get()) {
						String url = urls.get(next.getAndIncrement() % urls.size());
						long s = System.nanoTime();
						GreenSdk.Reply reply = call(sdk, new ImageSyncScanRequest(),
								"{\"scenes\":[\"porn\",\"ad\",\"qrcode\"],\"tasks\":[{\"url\":\"" + url + "\"}]}");
						latencies.add((System.nanoTime() - s) / 1e6);
						JsonNode task = reply.status() == 200 ? reply.json().at("/data/0") : null;
						if (task == null || task.path("code").asInt() != 200) {
							errors.incrementAndGet();
							System.err.println("image scan failed: " + reply.body());
							continue;
						}
						for (JsonNode r : task.path("results")) {
							String scene = r.path("scene").asString();
							if ("qrcode".equals(scene) && !"pass".equals(r.path("suggestion").asString())) {
								qrcodes.incrementAndGet();
							}
							if ("ad".equals(scene) && r.path("hintWordsInfo").size() > 0) {
								adText.incrementAndGet();
							}
						}
					}
				}));
			}
			window(seconds);
			stop.set(true);
			for (Future<?> w : workers) {
				w.get();
			}
			double elapsed = (System.nanoTime() - started) / 1e9;
			if (side != null) {
				side.get();
			}
			return new Load(latencies.count(), latencies.count() / elapsed, latencies, errors.get(), qrcodes.get(),
					adText.get());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * signed text scans at a fixed rate (open loop: latency counts from each request's
	 * planned start), for {@code seconds} or until {@code stop} (may be null)
	 */
	private Latencies pacedText(Fixtures.TenantKey tenant, int perSecond, int seconds, AtomicBoolean stop) {
		return paced(perSecond, seconds, stop, new GreenSdk(port, tenant.accessKeyId(), tenant.secret()),
				(sdk, i) -> call(sdk, new TextScanRequest(),
						"{\"scenes\":[\"antispam\"],\"tasks\":[{\"content\":\"" + TEXTS[i % TEXTS.length] + "\"}]}"));
	}

	static final String[] TEXTS = { "the weather is lovely today, see you at the park",
			"cheap pills, call five five five now", "our meeting moved to thursday afternoon",
			"win a free phone, visit spam.example", "thanks for the photos from the trip" };

	interface Call {

		GreenSdk.Reply send(GreenSdk sdk, int i);

	}

	/**
	 * open-loop load: up to 16 calls in flight, so a slow server shows as latency, not as
	 * fewer calls
	 */
	private static Latencies paced(int perSecond, int seconds, AtomicBoolean stop, GreenSdk sdk, Call call) {
		ExecutorService pool = Executors.newFixedThreadPool(16);
		Latencies latencies = new Latencies();
		long periodNanos = 1_000_000_000L / perSecond;
		long start = System.nanoTime();
		long end = start + seconds * 1_000_000_000L;
		List<Future<?>> calls = new ArrayList<>();
		try {
			for (int i = 0;; i++) {
				long planned = start + i * periodNanos;
				if (planned >= end || (stop != null && stop.get())) {
					break;
				}
				long wait = planned - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait); // pacing, not waiting for work
				}
				int k = i;
				calls.add(pool.submit(() -> {
					GreenSdk.Reply reply = call.send(sdk, k);
					latencies.add((System.nanoTime() - planned) / 1e6);
					if (reply.status() != 200 || reply.json().at("/data/0/code").asInt() != 200) {
						latencies.error();
						System.err.println("paced call failed: " + reply.body());
					}
				}));
			}
			// calls still queued a minute after the end were never answered in time:
			// errors
			pool.shutdown();
			pool.awaitTermination(60, TimeUnit.SECONDS);
			for (Future<?> f : calls) {
				if (!f.isDone()) {
					latencies.error();
				}
			}
			return latencies;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	// ------------------------------------------------------------------ video

	@Test
	void video() throws Exception {
		int shot = Integer.getInteger("bench.shot", 5);
		int textRate = Integer.getInteger("bench.textRate", 20);
		double imageRate = Double.parseDouble(System.getProperty("bench.imageRate", "1"));
		Fixtures.TenantKey tenant = new Fixtures(port).tenant();
		library(tenant);
		MediaFixtures.Pcm clip = MediaFixtures.speech("all");
		MediaFixtures.Pcm track = MediaFixtures.concat(0.5, clip, clip, clip, clip, clip);
		// encoding 1,500 frames of 720p takes minutes on a busy machine: kept in target/
		// for the next run
		Path videoFile = Path.of("target", "bench-media", "bench-720p-60s-shot" + shot + ".mp4");
		long t0 = System.nanoTime();
		if (!Files.isRegularFile(videoFile)) {
			Files.createDirectories(videoFile.getParent());
			Path partial = video(dir.resolve("bench-720p-60s.mp4"), track, shot);
			Files.move(partial, videoFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		double encodeSeconds = (System.nanoTime() - t0) / 1e9;
		String videoUrl = media.file(videoFile);
		String wavUrl = media.file(MediaFixtures.wav(dir.resolve("bench-speech-60s.wav"),
				new MediaFixtures.Pcm(Arrays.copyOf(track.samples(), 60 * track.sampleRate()), track.sampleRate())));
		List<String> images = megapixelImages(6);
		String warmWav = media.resource("media/speech/all.wav");

		// warm-up: every model loaded, the job path taken once
		job(tenant, new VoiceAsyncScanRequest(), new VoiceAsyncScanResultsRequest(),
				"{\"scenes\":[\"antispam\"],\"tasks\":[{\"url\":\"" + warmWav + "\"}]}");
		imageLoad(tenant, images, 2, 10);

		List<String> rows = new ArrayList<>();
		String videoBody = "{\"scenes\":[\"porn\",\"ad\",\"qrcode\"],\"audioScenes\":[\"antispam\"],\"interval\":1,"
				+ "\"tasks\":[{\"dataId\":\"bench\",\"url\":\"" + videoUrl + "\"}]}";
		Job videoAlone = job(tenant, new VideoAsyncScanRequest(), new VideoAsyncScanResultsRequest(), videoBody);
		rows.add(jobRow("video 60 s 720p, interval 1, porn+ad+qrcode + audio antispam", videoAlone));
		Job voiceAlone = job(tenant, new VoiceAsyncScanRequest(), new VoiceAsyncScanResultsRequest(),
				"{\"scenes\":[\"antispam\"],\"tasks\":[{\"url\":\"" + wavUrl + "\"}]}");
		rows.add(jobRow("audio alone, 60 s WAV, antispam", voiceAlone));

		// sync scans alone, then while the video job runs
		Latencies[] alone = sideLoad(tenant, images, textRate, imageRate, 20, null);
		AtomicBoolean done = new AtomicBoolean();
		ExecutorService side = Executors.newSingleThreadExecutor();
		Future<Latencies[]> during = side.submit(() -> sideLoad(tenant, images, textRate, imageRate, 600, done));
		Job videoLoaded;
		try {
			videoLoaded = job(tenant, new VideoAsyncScanRequest(), new VideoAsyncScanResultsRequest(), videoBody);
		}
		finally {
			done.set(true);
		}
		Latencies[] withJob = during.get();
		side.shutdown();
		rows.add(jobRow("the video again, with the sync load below", videoLoaded));

		List<String> sync = new ArrayList<>();
		sync.add(row("text scan alone, paced " + textRate + "/s", alone[0], ""));
		sync.add(row("text scan while the video job runs", withJob[0], ""));
		sync.add(row("image scan (1 MP, porn+ad+qrcode) alone, paced " + imageRate + "/s", alone[1], ""));
		sync.add(row("image scan while the video job runs", withJob[1], ""));

		StringBuilder out = new StringBuilder();
		out.append("\n### Video and audio end to end\n\n");
		out.append("| job | media s | end to end s | × real time | result |\n|---|---:|---:|---:|---|\n");
		rows.forEach(r -> out.append(r).append('\n'));
		out.append("\n| sync scans | n | p50 ms | p95 ms | p99 ms | |\n|---|---:|---:|---:|---:|---|\n");
		sync.forEach(r -> out.append(r).append('\n'));
		out.append(String.format(Locale.ROOT,
				"%ntarget video end to end <= 30 s (>= 2x real time): %s (%.1f s)%ntarget audio >= 3x real time: %s "
						+ "(%.1fx)%nvideo: %d s shots (a new picture every %d s, a moving timecode), fixture encode %.1f s "
						+ "(0: reused from target/bench-media)%n%s",
				videoAlone.seconds() <= 30 ? "MET" : "NOT MET", videoAlone.seconds(),
				voiceAlone.ratio() >= 3 ? "MET" : "NOT MET", voiceAlone.ratio(), shot, shot, encodeSeconds, machine()));
		System.out.println(out);
		write("media-e2e-benchmark.md", out.toString());
		for (Job job : List.of(videoAlone, voiceAlone, videoLoaded)) {
			assertThat(job.result().path("code").asInt()).as(job.result().toString()).isEqualTo(200);
		}
		assertThat(videoAlone.result().toString()).contains("qrcode").contains("block");
	}

	/** paced text and image scans in parallel; [text, image] */
	private Latencies[] sideLoad(Fixtures.TenantKey tenant, List<String> images, int textRate, double imageRate,
			int seconds, AtomicBoolean stop) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Latencies> text = pool.submit(() -> pacedText(tenant, textRate, seconds, stop));
			Future<Latencies> image = pool.submit(() -> pacedImages(tenant, images, imageRate, seconds, stop));
			return new Latencies[] { text.get(), image.get() };
		}
		finally {
			pool.shutdown();
		}
	}

	private Latencies pacedImages(Fixtures.TenantKey tenant, List<String> images, double perSecond, int seconds,
			AtomicBoolean stop) {
		// paced() takes whole requests per second; below 1/s, stretch the window
		int rate = Math.max(1, (int) Math.round(perSecond));
		return paced(rate, seconds, stop, new GreenSdk(port, tenant.accessKeyId(), tenant.secret()),
				(sdk, i) -> call(sdk, new ImageSyncScanRequest(),
						"{\"scenes\":[\"porn\",\"ad\",\"qrcode\"],\"tasks\":[{" + "\"url\":\""
								+ images.get(i % images.size()) + "\"}]}"));
	}

	record Job(double mediaSeconds, double seconds, JsonNode result) {

		double ratio() {
			return mediaSeconds / seconds;
		}

	}

	/** submits one task and polls its result every 200 ms */
	private Job job(Fixtures.TenantKey tenant, AcsRequest<?> submit, AcsRequest<?> results, String body)
			throws InterruptedException {
		GreenSdk sdk = tenant.sdk();
		long started = System.nanoTime();
		JsonNode answer = call(sdk, submit, body).json();
		assertThat(answer.at("/data/0/code").asInt()).as(answer.toString()).isEqualTo(200);
		String taskId = answer.at("/data/0/taskId").asString();
		while (true) {
			GreenSdk.Reply reply = call(sdk, copy(results), "[\"" + taskId + "\"]");
			JsonNode data = reply.status() == 200 ? reply.json().at("/data/0") : null;
			if (data != null && data.path("code").asInt() != 280) {
				double seconds = (System.nanoTime() - started) / 1e9;
				return new Job(60, seconds, data);
			}
			TimeUnit.MILLISECONDS.sleep(200); // polling interval of the client, as an
												// integrator would
		}
	}

	/**
	 * one signed call with the SDK's timeouts raised (a busy machine answers slowly); a
	 * client-side failure becomes status 599
	 */
	static GreenSdk.Reply call(GreenSdk sdk, AcsRequest<?> request, String json) {
		request.setSysConnectTimeout(10_000);
		request.setSysReadTimeout(180_000);
		try {
			return sdk.call(request, json);
		}
		catch (IllegalStateException ex) {
			return new GreenSdk.Reply(599, String.valueOf(ex.getMessage()));
		}
	}

	private static AcsRequest<?> copy(AcsRequest<?> request) {
		try {
			return request.getClass().getDeclaredConstructor().newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String jobRow(String name, Job job) {
		JsonNode r = job.result();
		List<String> flagged = new ArrayList<>();
		r.path("results")
			.forEach(s -> flagged.add(s.path("scene").asString() + " " + s.path("suggestion").asString() + " ("
					+ s.path("frames").size() + " frames)"));
		r.path("audioScanResults").forEach(s -> flagged.add("audio " + s.path("suggestion").asString()));
		return String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.2f | code %d; %s |", name, job.mediaSeconds(),
				job.seconds(), job.ratio(), r.path("code").asInt(), String.join(", ", flagged));
	}

	/**
	 * 60 s, 1280x720, 25 fps H.264 + AAC speech: a new picture every {@code shot} seconds
	 * (the test photos, cropped and tinted), a QR code in the shot at 10 s, a "CHEAP
	 * PILLS" caption in the shot at 30 s, a running timecode in a corner
	 */
	static Path video(Path out, MediaFixtures.Pcm audio, int shot) {
		String[] photos = { "astronaut.png", "chelsea.png", "coffee.png" };
		int w = 1280;
		int h = 720;
		List<BufferedImage> shots = new ArrayList<>();
		for (int s = 0; s * shot < 60; s++) {
			BufferedImage image = TestImages.resize(TestImages.crop(TestImages.photo(photos[s % 3]), (s * 7) % 25), w,
					h);
			tint(image, s);
			int at = s * shot;
			if (at <= 10 && 10 < at + shot) {
				image = TestImages.paste(image, TestImages.qrCode("https://qr.example/video", 6), 900, 360, 5);
			}
			if (at <= 30 && 30 < at + shot) {
				image = TestImages.caption(image, "CHEAP PILLS visit spam.example");
			}
			shots.add(image);
		}
		Font font = new Font(Font.MONOSPACED, Font.BOLD, 28);
		return MediaFixtures.video(out, 60, 25, w, h, MediaFixtures.Codec.H264, audio, (g, second) -> {
			g.drawImage(shots.get(second / shot), 0, 0, null);
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setColor(new Color(0, 0, 0, 140));
			g.fillRect(w - 130, 16, 114, 40);
			g.setColor(Color.WHITE);
			g.setFont(font);
			g.drawString(String.format(Locale.ROOT, "00:%02d", second), w - 120, 46);
		});
	}

	// ------------------------------------------------------------------ report

	/** latencies in ms; thread-safe */
	static final class Latencies {

		private double[] ms = new double[1024];

		private int n;

		private int errors;

		synchronized void add(double millis) {
			if (n == ms.length) {
				ms = Arrays.copyOf(ms, n * 2);
			}
			ms[n++] = millis;
		}

		synchronized void error() {
			errors++;
		}

		synchronized int count() {
			return n;
		}

		synchronized int errors() {
			return errors;
		}

		synchronized double percentile(double p) {
			if (n == 0) {
				return Double.NaN;
			}
			double[] sorted = Arrays.copyOf(ms, n);
			Arrays.sort(sorted);
			return sorted[Math.min(n - 1, (int) Math.ceil(n * p / 100) - 1)];
		}

	}

	private static String row(String name, Latencies l, String extra) {
		String errors = l.errors() == 0 ? "" : (extra.isEmpty() ? "" : "; ") + l.errors() + " failed or unanswered";
		return String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %s%s |", name, l.count(), l.percentile(50),
				l.percentile(95), l.percentile(99), extra, errors);
	}

	private static void print(String title, List<String> rows, String footer) {
		StringBuilder out = new StringBuilder();
		out.append("\n### ").append(title).append("\n\n");
		out.append("| case | n | p50 ms | p95 ms | p99 ms | throughput |\n|---|---:|---:|---:|---:|---|\n");
		rows.forEach(r -> out.append(r).append('\n'));
		out.append('\n').append(footer).append('\n').append(machine());
		System.out.println(out);
		write("image-e2e-benchmark.md", out.toString());
	}

	static String machine() {
		String memory = "?";
		try {
			memory = Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter(l -> l.startsWith("MemTotal"))
				.findFirst()
				.map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1048576d))
				.orElse("?");
		}
		catch (IOException ex) {
			// not Linux
		}
		return String.format(Locale.ROOT,
				"machine: %d cores, %s RAM, load average %.1f at the end; %s %s, -Xmx%d MB; "
						+ "server and load generator in one JVM%n",
				Runtime.getRuntime().availableProcessors(), memory,
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.vm.name"),
				System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
	}

	/** CPU time of the whole JVM so far (all threads, native code included). */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static long heapPeak() {
		long sum = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				sum += pool.getPeakUsage().getUsed();
			}
		}
		return sum;
	}

	private static void window(int seconds) throws InterruptedException {
		TimeUnit.SECONDS.sleep(seconds); // the measuring window, not a wait for work
	}

	private static void write(String name, String text) {
		try {
			Files.writeString(Path.of("target", name), text);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
