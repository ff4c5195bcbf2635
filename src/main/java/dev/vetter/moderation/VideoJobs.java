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

import dev.vetter.detection.FrameFingerprint;
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

	VideoJobs(MediaFetcher fetcher, BlobStore blobs, MediaDecoder decoder, SpeechRecognizer speech, ImageScanner images,
			PdqHasher pdq, TextModeration text, Jobs jobs, JsonMapper json) {
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
		if (params.has("frames")) {
			throw new InvalidInput("frames[] (client-extracted frames) is not supported yet: send the video's url");
		}
		if (request.url() == null && request.blobKey() == null) {
			throw new InvalidInput("url is required");
		}
		if (params.path("live").asBoolean(false)) {
			throw new InvalidInput("live streams are not supported: send a file URL");
		}
		sampling(params);
		audioScenes(params);
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
		boolean withAudio = !audioScenes(params).isEmpty();
		BlobKey blob = MediaJobSupport.media(job, fetcher, jobs, MediaKind.VIDEO);
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
							keepIfFlagged(job.taskId(), frame, findings)));
				}

				@Override
				public void repeat(VideoFrame frame, int analysedIndex) {
					FrameResult earlier = frames.stream()
						.filter(f -> f.index() == analysedIndex)
						.findFirst()
						.orElseThrow();
					frames.add(new FrameResult(frame.index(), frame.offsetSeconds(), earlier.findings(),
							keepIfFlagged(job.taskId(), frame, earlier.findings())));
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
		return outcome(job, scenes, frames, transcript);
	}

	private JobOutcome outcome(AsyncJob job, List<String> scenes, List<FrameResult> frames, Transcript transcript) {
		Suggestion worst = Suggestion.PASS;
		String worstLabel = "normal";
		double worstRate = 99.9;
		List<Map<String, Object>> sceneResults = new ArrayList<>();
		List<Map<String, Object>> flagged = new ArrayList<>();
		for (String scene : scenes) {
			Suggestion sceneWorst = Suggestion.PASS;
			String label = "normal";
			double rate = 99.9;
			List<Map<String, Object>> sceneFrames = new ArrayList<>();
			for (FrameResult frame : frames) {
				ImageFindings.Scene s = frame.scene(scene);
				if (s == null || s.suggestion() == Suggestion.PASS) {
					continue;
				}
				Map<String, Object> f = new LinkedHashMap<>();
				f.put("offset", round(frame.offset()));
				f.put("url", frame.url());
				f.put("label", s.label());
				f.put("suggestion", s.suggestion().wire());
				f.put("rate", s.rate());
				if (!s.qrcodes().isEmpty()) {
					f.put("qrcodeData", s.qrcodes().stream().map(ImageFindings.Located::text).toList());
				}
				if (!s.hintWords().isEmpty()) {
					f.put("hintWords", s.hintWords());
				}
				sceneFrames.add(f);
				flagged.add(f);
				if (s.suggestion().compareTo(sceneWorst) > 0
						|| (s.suggestion() == sceneWorst && "normal".equals(label))) {
					sceneWorst = s.suggestion();
					label = s.label();
					rate = s.rate();
				}
			}
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("scene", scene);
			r.put("label", label);
			r.put("suggestion", sceneWorst.wire());
			r.put("rate", rate);
			if (!sceneFrames.isEmpty()) {
				r.put("frames", sceneFrames);
			}
			sceneResults.add(r);
			if (sceneWorst.compareTo(worst) > 0) {
				worst = sceneWorst;
				worstLabel = label;
				worstRate = rate;
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("results", sceneResults);
		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("media", Map.of("kind", "video", "url", MediaJobSupport.mediaPath(job.taskId())));
		snapshot.put("frames", flagged);
		List<TextVerdict.Finding> findings = new ArrayList<>();
		String transcriptText = "";
		if (transcript != null) {
			SpeechFindings speechFindings = SpeechFindings.of(text, job.tenantId(), job.bizType(), job.taskId(),
					transcript);
			result.put("audioScanResults", List.of(speechFindings.sceneResult("antispam")));
			snapshot.put("transcript", speechFindings.transcript());
			snapshot.put("hits", speechFindings.details());
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
		return new JobOutcome(result, summary, snapshot);
	}

	/** Keeps a flagged frame as a blob; returns the URL clients and reviewers open. */
	private String keepIfFlagged(String taskId, VideoFrame frame, ImageFindings findings) {
		if (findings.suggestion() == Suggestion.PASS) {
			return null;
		}
		try {
			ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
			ImageIO.write(frame.image(), "jpg", jpeg);
			BlobKey key = blobs.put(new ByteArrayInputStream(jpeg.toByteArray())).key();
			jobs.addFrame(taskId, frame.index(), key.value());
			return MediaJobSupport.mediaPath(taskId).replace("/media", "/frames/" + frame.index());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
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
