package dev.vetter.moderation;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.springframework.stereotype.Component;

import dev.vetter.detection.DecodedImage;
import dev.vetter.detection.FrameFingerprint;
import dev.vetter.detection.FrameSampling;
import dev.vetter.detection.ImageDecoder;
import dev.vetter.detection.ImageRejected;
import dev.vetter.detection.MediaDecoder;
import dev.vetter.detection.MediaRejected;
import dev.vetter.detection.NearDuplicateFrames;
import dev.vetter.detection.PdqHash;
import dev.vetter.detection.SpeechRecognizer;
import dev.vetter.detection.SpeechSession;
import dev.vetter.detection.Transcript;
import dev.vetter.detection.VideoFrame;
import dev.vetter.detection.VideoSampling;
import dev.vetter.detection.WorkControl;
import dev.vetter.detection.image.PdqHasher;
import dev.vetter.moderation.internal.Jobs;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.media.FetchedMedia;
import dev.vetter.platform.media.MediaFetchFailed;
import dev.vetter.platform.media.MediaFetcher;
import dev.vetter.platform.media.MediaKind;
import dev.vetter.policy.Suggestion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asynchronous video moderation ({@link ContentKind#VIDEO}): one decoding pass samples a
 * frame every {@code interval} seconds (up to {@code maxFrames}) and, with
 * {@code audioScenes: ["antispam"]}, feeds the audio track to speech recognition. Each
 * frame goes through {@link ImageScanner} with the requested scenes; a frame nearly
 * identical to the last analysed one (PDQ distance at most {@link #REPEAT_DISTANCE})
 * reuses its result. Violating frames are kept as blobs and reported with their
 * {@code offset} and a URL. The task's suggestion is the worst of its parts.
 * <p>
 * Instead of a file, a task may give the frames it extracted itself ({@code frames[]} of
 * {@code {url, offset}}, URLs prefixed with {@code framePrefix}, at most
 * {@code maxFrames}): each is fetched safely and analysed the same way; see
 * {@link #runClientFrames}.
 */
@Component
class VideoJobs implements JobHandler {

	/**
	 * PDQ distance under which a sampled frame counts as a repeat of the last analysed
	 */
	static final int REPEAT_DISTANCE = 8;

	private final MediaFetcher fetcher;

	private final BlobStore blobs;

	private final MediaDecoder decoder;

	private final SpeechRecognizer speech;

	private final ImageScanner images;

	private final PdqHasher pdq;

	private final TextModeration text;

	private final Jobs jobs;

	private final JsonMapper json;

	private final ImageDecoder imageDecoder;

	private final ModerationProperties limits;

	VideoJobs(MediaFetcher fetcher, BlobStore blobs, MediaDecoder decoder, SpeechRecognizer speech, ImageScanner images,
			PdqHasher pdq, TextModeration text, Jobs jobs, JsonMapper json, ImageDecoder imageDecoder,
			ModerationProperties limits) {
		this.imageDecoder = imageDecoder;
		this.limits = limits;
		this.fetcher = fetcher;
		this.blobs = blobs;
		this.decoder = decoder;
		this.speech = speech;
		this.images = images;
		this.pdq = pdq;
		this.text = text;
		this.jobs = jobs;
		this.json = json;
	}

	@Override
	public ContentKind kind() {
		return ContentKind.VIDEO;
	}

	@Override
	public Set<String> scenes() {
		return ImageScanner.SCENES;
	}

	@Override
	public void validate(JobRequest request) {
		JsonNode params = json.readTree(request.params());
		if (params.path("live").asBoolean(false)) {
			throw new InvalidInput("live streams are not supported: send a file URL");
		}
		VideoSampling sampling = sampling(params);
		List<String> audio = audioScenes(params);
		if (hasClientFrames(params)) {
			if (request.url() != null || request.blobKey() != null) {
				throw new InvalidInput("give either url or frames[], not both");
			}
			if (!audio.isEmpty()) {
				throw new InvalidInput("audioScenes works only with url, not with frames[]");
			}
			clientFrames(params, sampling.maxFrames(), limits.maxUrlLength());
			return;
		}
		if (request.url() == null && request.blobKey() == null) {
			throw new InvalidInput("url is required (or frames[])");
		}
	}

	private static boolean hasClientFrames(JsonNode params) {
		return params.has("frames") && !params.get("frames").isNull();
	}

	/** A frame the client extracted itself: its full URL and its offset in seconds. */
	record ClientFrame(String url, double offset) {
	}

	/**
	 * The client frames of a task ({@code frames[]} of {@code {url, offset}}, each URL
	 * prefixed with {@code framePrefix}), at most {@code maxFrames} of them.
	 * @throws InvalidInput naming the field that is wrong
	 */
	static List<ClientFrame> clientFrames(JsonNode params, int maxFrames, int maxUrlLength) {
		JsonNode frames = params.get("frames");
		if (!frames.isArray() || frames.isEmpty()) {
			throw new InvalidInput("frames must be a non-empty array of {url, offset}");
		}
		if (frames.size() > maxFrames) {
			throw new InvalidInput("frames holds " + frames.size() + " frames; at most maxFrames (" + maxFrames
					+ "; default " + VideoSampling.DEFAULT.maxFrames() + ", up to " + VideoSampling.MAX_FRAMES + ")");
		}
		JsonNode prefixNode = params.get("framePrefix");
		if (prefixNode != null && !prefixNode.isNull() && !prefixNode.isString()) {
			throw new InvalidInput("framePrefix must be a string");
		}
		String prefix = prefixNode == null || prefixNode.isNull() ? "" : prefixNode.asString();
		List<ClientFrame> out = new ArrayList<>(frames.size());
		for (int i = 0; i < frames.size(); i++) {
			JsonNode frame = frames.get(i);
			JsonNode url = frame.get("url");
			if (!frame.isObject() || url == null || !url.isString() || url.asString().isBlank()) {
				throw new InvalidInput("frames[" + i + "].url is required");
			}
			String full = prefix + url.asString();
			if (full.length() > maxUrlLength || !full.matches("(?i)https?://\\S+")) {
				throw new InvalidInput("frames[" + i + "].url (with framePrefix) must be an http(s) URL of at most "
						+ maxUrlLength + " characters");
			}
			JsonNode offset = frame.get("offset");
			if (offset != null && !offset.isNull() && (!offset.isNumber() || offset.asDouble() < 0)) {
				throw new InvalidInput("frames[" + i + "].offset must be a number of seconds, at least 0");
			}
			out.add(new ClientFrame(full, offset == null || offset.isNull() ? i : offset.asDouble()));
		}
		return out;
	}

	static VideoSampling sampling(JsonNode params) {
		int interval = intParam(params, "interval", VideoSampling.DEFAULT.intervalSeconds(), VideoSampling.MIN_INTERVAL,
				VideoSampling.MAX_INTERVAL);
		int maxFrames = intParam(params, "maxFrames", VideoSampling.DEFAULT.maxFrames(), VideoSampling.MIN_FRAMES,
				VideoSampling.MAX_FRAMES);
		return new VideoSampling(interval, maxFrames);
	}

	private static int intParam(JsonNode params, String field, int dflt, int min, int max) {
		JsonNode node = params.get(field);
		if (node == null || node.isNull()) {
			return dflt;
		}
		if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
			throw new InvalidInput(field + " must be an integer from " + min + " to " + max);
		}
		return node.asInt();
	}

	static List<String> audioScenes(JsonNode params) {
		List<String> out = new ArrayList<>();
		JsonNode node = params.get("audioScenes");
		if (node == null || node.isNull()) {
			return out;
		}
		if (!node.isArray()) {
			throw new InvalidInput("audioScenes must be an array, e.g. [\"antispam\"]");
		}
		for (JsonNode scene : node) {
			if (!scene.isString() || !VoiceJobs.SCENES.contains(scene.asString())) {
				throw new InvalidInput("audioScenes may hold only \"antispam\"");
			}
			if (!out.contains(scene.asString())) {
				out.add(scene.asString());
			}
		}
		return out;
	}

	@Override
	public JobOutcome run(JobContext context) throws IOException {
		AsyncJob job = context.job();
		JsonNode params = json.readTree(job.params());
		List<String> scenes = new ArrayList<>();
		params.path("scenes").forEach(s -> scenes.add(s.asString()));
		VideoSampling sampling = sampling(params);
		if (hasClientFrames(params)) {
			return runClientFrames(context, scenes, clientFrames(params, sampling.maxFrames(), limits.maxUrlLength()));
		}
		boolean withAudio = !audioScenes(params).isEmpty();
		BlobKey blob = MediaJobSupport.media(job, fetcher, jobs, MediaKind.VIDEO);
		// a cancel that came while the file downloaded stops the job before analysis
		context.checkCancelled();
		WorkControl control = context.workControl();
		List<FrameResult> frames = new ArrayList<>();
		Transcript transcript = null;
		Path file = Files.createTempFile("vetter-video-", ".media");
		try {
			try (InputStream in = blobs.open(blob)) {
				Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			}
			NearDuplicateFrames<PdqHash> sink = new NearDuplicateFrames<>(new FrameFingerprint<>() {
				@Override
				public PdqHash of(BufferedImage image) {
					return pdq.hash(image);
				}

				@Override
				public int distance(PdqHash a, PdqHash b) {
					return a.distance(b);
				}
			}, REPEAT_DISTANCE, new NearDuplicateFrames.Receiver() {
				@Override
				public void analyse(VideoFrame frame) {
					ImageFindings findings = images.scan(job.tenantId(), job.bizType(), frame.image(), scenes);
					frames.add(new FrameResult(frame.index(), frame.offsetSeconds(), findings,
							keepIfFlagged(job.taskId(), frame.index(), frame.image(), findings)));
				}

				@Override
				public void repeat(VideoFrame frame, int analysedIndex) {
					FrameResult earlier = frames.stream()
						.filter(f -> f.index() == analysedIndex)
						.findFirst()
						.orElseThrow();
					frames.add(new FrameResult(frame.index(), frame.offsetSeconds(), earlier.findings(),
							keepIfFlagged(job.taskId(), frame.index(), frame.image(), earlier.findings())));
				}
			});
			if (withAudio) {
				try (SpeechSession session = speech.open(control)) {
					decoder.decode(file, sampling, sink, session, control);
					transcript = session.finish();
				}
			}
			else {
				decoder.decode(file, sampling, sink, null, control);
			}
		}
		catch (MediaRejected e) {
			throw new JobFailed(e.failure().greenCode(), e.getMessage(), e);
		}
		finally {
			Files.deleteIfExists(file);
		}
		context.checkCancelled();
		return outcome(job, scenes, frames, transcript, null);
	}

	/**
	 * Client frames: each is fetched like an image (the outbound guard, the image
	 * deadline and size cap), decoded and run through {@link ImageScanner}, in order. A
	 * frame that cannot be used is reported in {@code failedFrames} with its code (480,
	 * 592, 589, 590, 586) and the others go on; only when none can be used does the task
	 * fail (with the first frame's code).
	 */
	private JobOutcome runClientFrames(JobContext context, List<String> scenes, List<ClientFrame> clientFrames)
			throws IOException {
		AsyncJob job = context.job();
		List<FrameResult> frames = new ArrayList<>();
		List<JobResult.FailedFrame> failed = new ArrayList<>();
		for (int i = 0; i < clientFrames.size(); i++) {
			context.checkCancelled();
			context.checkDeadline();
			context.progress(new JobProgress(i, clientFrames.size(), 0, 0));
			ClientFrame clientFrame = clientFrames.get(i);
			try {
				FetchedMedia media = fetcher.fetch(clientFrame.url(), MediaKind.IMAGE);
				try (InputStream in = blobs.open(media.blob())) {
					DecodedImage.Frame frame = imageDecoder.decode(in.readAllBytes(), FrameSampling.FIRST_FRAME)
						.first();
					ImageFindings findings = images.scan(job.tenantId(), job.bizType(), frame, scenes);
					frames.add(new FrameResult(i, clientFrame.offset(), findings,
							keepIfFlagged(job.taskId(), i, frame.image(), findings)));
				}
				finally {
					blobs.delete(media.blob());
				}
			}
			catch (MediaFetchFailed e) {
				failed.add(failedFrame(clientFrame, e.greenCode(), e.getMessage()));
			}
			catch (ImageRejected e) {
				boolean tooLarge = e.reason() == ImageRejected.Reason.TOO_LARGE;
				failed.add(failedFrame(clientFrame, tooLarge ? 589 : 590,
						(tooLarge ? "image too large: " : "bad image: ") + e.getMessage()));
			}
			catch (ImageAnalysisFailed e) {
				failed
					.add(failedFrame(clientFrame, ImageModeration.ALGO_FAILED, "algorithm failed: " + e.getMessage()));
			}
		}
		context.progress(new JobProgress(clientFrames.size(), clientFrames.size(), 0, 0));
		if (frames.isEmpty()) {
			JobResult.FailedFrame first = failed.get(0);
			throw new JobFailed(first.code(),
					"none of the " + clientFrames.size() + " frames could be used; the first: " + first.message());
		}
		return outcome(job, scenes, frames, null, failed.isEmpty() ? null : failed);
	}

	private static JobResult.FailedFrame failedFrame(ClientFrame frame, int code, String msg) {
		return new JobResult.FailedFrame(round(frame.offset()), frame.url(), code, msg);
	}

	private JobOutcome outcome(AsyncJob job, List<String> scenes, List<FrameResult> frames, Transcript transcript,
			List<JobResult.FailedFrame> failedFrames) {
		Suggestion worst = Suggestion.PASS;
		String worstLabel = "normal";
		double worstRate = 99.9;
		List<JobResult.MediaCheck> checks = new ArrayList<>();
		List<Map<String, Object>> flagged = new ArrayList<>();
		for (String scene : scenes) {
			Suggestion sceneWorst = Suggestion.PASS;
			String label = "normal";
			double rate = 99.9;
			List<JobResult.FrameHit> sceneFrames = new ArrayList<>();
			for (FrameResult frame : frames) {
				ImageFindings.Scene s = frame.scene(scene);
				if (s == null || s.suggestion() == Suggestion.PASS) {
					continue;
				}
				JobResult.FrameHit hit = new JobResult.FrameHit(round(frame.offset()), frame.url(), s.label(),
						s.suggestion(), s.rate(),
						s.qrcodes().isEmpty() ? null : s.qrcodes().stream().map(ImageFindings.Located::text).toList(),
						s.hintWords().isEmpty() ? null : s.hintWords());
				sceneFrames.add(hit);
				flagged.add(reviewFrame(hit));
				if (s.suggestion().compareTo(sceneWorst) > 0
						|| (s.suggestion() == sceneWorst && "normal".equals(label))) {
					sceneWorst = s.suggestion();
					label = s.label();
					rate = s.rate();
				}
			}
			checks.add(new JobResult.MediaCheck(scene, label, sceneWorst, rate,
					sceneFrames.isEmpty() ? null : List.copyOf(sceneFrames), null));
			if (sceneWorst.compareTo(worst) > 0) {
				worst = sceneWorst;
				worstLabel = label;
				worstRate = rate;
			}
		}
		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("media", Map.of("kind", "video", "url", MediaJobSupport.mediaPath(job.taskId())));
		snapshot.put("frames", flagged);
		List<TextVerdict.Finding> findings = new ArrayList<>();
		String transcriptText = "";
		List<JobResult.MediaCheck> audio = null;
		if (transcript != null) {
			SpeechFindings speechFindings = SpeechFindings.of(text, job.tenantId(), job.bizType(), job.taskId(),
					transcript);
			audio = List.of(speechFindings.check("antispam"));
			snapshot.put("transcript", speechFindings.transcript());
			snapshot.put("hits", speechFindings.reviewHits());
			findings.addAll(speechFindings.verdict().findings());
			transcriptText = speechFindings.verdict().content();
			if (speechFindings.verdict().suggestion().compareTo(worst) > 0) {
				worst = speechFindings.verdict().suggestion();
				worstLabel = speechFindings.verdict().label();
				worstRate = speechFindings.verdict().rate();
			}
		}
		String topLabel = worstLabel;
		if (worst != Suggestion.PASS && findings.stream().noneMatch(f -> f.label().equals(topLabel))) {
			findings.add(0, new TextVerdict.Finding(worstLabel, worst, worstRate, List.of()));
		}
		TextVerdict summary = new TextVerdict(job.taskId(), transcriptText, transcriptText, worst, worstLabel,
				worstRate, List.copyOf(findings));
		return new JobOutcome(JobResult.video(job, checks, audio, failedFrames), summary, snapshot);
	}

	/**
	 * A flagged frame as reviewers see it ({@code frames} of the review item's content):
	 * {@code offset} (seconds), {@code url}, {@code label}, {@code suggestion},
	 * {@code rate}, {@code qrcodeData?}, {@code hintWords?}.
	 */
	private static Map<String, Object> reviewFrame(JobResult.FrameHit hit) {
		Map<String, Object> f = new LinkedHashMap<>();
		f.put("offset", hit.offsetSeconds());
		f.put("url", hit.url());
		f.put("label", hit.label());
		f.put("suggestion", hit.suggestion().wire());
		f.put("rate", hit.rate());
		if (hit.qrcodes() != null) {
			f.put("qrcodeData", hit.qrcodes());
		}
		if (hit.hintWords() != null) {
			f.put("hintWords", hit.hintWords());
		}
		return f;
	}

	/** Keeps a flagged frame as a blob; returns the URL clients and reviewers open. */
	private String keepIfFlagged(String taskId, int index, BufferedImage image, ImageFindings findings) {
		if (findings.suggestion() == Suggestion.PASS) {
			return null;
		}
		try {
			ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
			ImageIO.write(rgb(image), "jpg", jpeg);
			BlobKey key = blobs.put(new ByteArrayInputStream(jpeg.toByteArray())).key();
			jobs.addFrame(taskId, index, key.value());
			return MediaJobSupport.mediaPath(taskId).replace("/media", "/frames/" + index);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** JPEG has no alpha: a PNG client frame is drawn onto RGB first. */
	private static BufferedImage rgb(BufferedImage image) {
		if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
			return image;
		}
		BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D g = out.createGraphics();
		g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
		g.dispose();
		return out;
	}

	private static double round(double seconds) {
		return Math.round(seconds * 100) / 100.0;
	}

	record FrameResult(int index, double offset, ImageFindings findings, String url) {

		ImageFindings.Scene scene(String name) {
			return findings.scenes().stream().filter(s -> s.scene().equals(name)).findFirst().orElse(null);
		}

	}

}
