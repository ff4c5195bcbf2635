package dev.vetter.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.vetter.detection.MediaRejected;
import dev.vetter.detection.SpeechRecognizer;
import dev.vetter.detection.SpokenNumbers;
import dev.vetter.detection.SpokenText;
import dev.vetter.detection.Transcript;
import dev.vetter.detection.WorkControl;
import dev.vetter.moderation.internal.Jobs;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.media.FetchedMedia;
import dev.vetter.platform.media.MediaFetchFailed;
import dev.vetter.platform.media.MediaFetcher;
import dev.vetter.platform.media.MediaKind;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asynchronous audio moderation ({@link ContentKind#VOICE}): the file is fetched into the
 * blob store, transcribed with word times, spoken numbers are written as digits
 * ({@link SpokenNumbers}) and the text goes through the text engine under the tenant's
 * bizType policy and libraries. Each finding becomes a {@link JobResult.SpeechHit} with
 * the seconds it was spoken ({@link SpokenText#spanOf}).
 */
@Component
class VoiceJobs implements JobHandler {

	static final Set<String> SCENES = Set.of("antispam");

	private final MediaFetcher fetcher;

	private final BlobStore blobs;

	private final SpeechRecognizer speech;

	private final TextModeration text;

	private final Jobs jobs;

	private final JsonMapper json;

	VoiceJobs(MediaFetcher fetcher, BlobStore blobs, SpeechRecognizer speech, TextModeration text, Jobs jobs,
			JsonMapper json) {
		this.fetcher = fetcher;
		this.blobs = blobs;
		this.speech = speech;
		this.text = text;
		this.jobs = jobs;
		this.json = json;
	}

	@Override
	public ContentKind kind() {
		return ContentKind.VOICE;
	}

	@Override
	public Set<String> scenes() {
		return SCENES;
	}

	@Override
	public void validate(JobRequest request) {
		if (request.url() == null && request.blobKey() == null) {
			throw new InvalidInput("url is required");
		}
		JsonNode params = json.readTree(request.params());
		if (params.path("live").asBoolean(false)) {
			throw new InvalidInput("live streams are not supported: send a file URL");
		}
	}

	@Override
	public JobOutcome run(JobContext context) throws IOException {
		AsyncJob job = context.job();
		BlobKey blob = MediaJobSupport.media(job, fetcher, jobs, MediaKind.AUDIO);
		// a cancel that came while the file downloaded stops the job before analysis
		context.checkCancelled();
		WorkControl control = context.workControl();
		Transcript transcript;
		Path file = Files.createTempFile("vetter-voice-", ".media");
		try {
			try (InputStream in = blobs.open(blob)) {
				Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			}
			transcript = speech.transcribe(file, control);
		}
		catch (MediaRejected e) {
			throw new JobFailed(e.failure().greenCode(), e.getMessage(), e);
		}
		finally {
			Files.deleteIfExists(file);
		}
		context.checkCancelled();
		context.progress(new JobProgress(0, 0, transcript.audioSeconds(), transcript.audioSeconds()));
		SpeechFindings findings = SpeechFindings.of(text, job.tenantId(), job.bizType(), job.taskId(), transcript);
		JobResult result = JobResult.voice(job, findings.check("antispam"));
		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("media", Map.of("kind", "voice", "url", MediaJobSupport.mediaPath(job.taskId())));
		snapshot.put("transcript", findings.transcript());
		snapshot.put("hits", findings.reviewHits());
		return new JobOutcome(result, findings.verdict(), snapshot);
	}

}
