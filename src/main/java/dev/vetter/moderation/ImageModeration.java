package dev.vetter.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import dev.vetter.detection.DecodedImage;
import dev.vetter.detection.FrameSampling;
import dev.vetter.detection.ImageDecoder;
import dev.vetter.detection.ImageRejected;
import dev.vetter.moderation.internal.TaskIds;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.media.FetchedMedia;
import dev.vetter.platform.media.MediaFetchFailed;
import dev.vetter.platform.media.MediaFetcher;
import dev.vetter.platform.media.MediaKind;
import dev.vetter.policy.EscalationRules;
import dev.vetter.policy.PolicyCatalog;
import dev.vetter.policy.Suggestion;
import dev.vetter.policy.TextPolicy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Synchronous image moderation: each task's URL is fetched safely into the blob store,
 * decoded within limits, every sampled frame goes through {@link ImageScanner}, and the
 * frames' answers are merged per scene (the most serious frame wins). A bad task
 * (download failed 480, refused target 480, timeout 592, too large 589, bad format 590, a
 * detector failing 586) fails alone. Tasks run on a fixed pool of
 * {@code vetter.moderation.image.concurrency} threads shared by all requests, so memory
 * is bounded by that many images in flight whatever the number of tasks.
 * <p>
 * Human-machine: a result the bizType's escalation rules send to people (tenant with
 * manual review) is stored with the fetched image and its findings and queued through
 * {@link HumanReview}, like a text; the image of any other synchronous scan is deleted
 * once scanned.
 */
@Service
public class ImageModeration implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ImageModeration.class);

	/** Green code of a task whose detector failed. */
	static final int ALGO_FAILED = 586;

	/**
	 * One image task as the APIs take it.
	 *
	 * @param url http(s) URL of the image
	 * @param dataId the client's id, or null
	 * @param interval GIF frame step (null: 1)
	 * @param maxFrames GIF frames at most (null: 1)
	 */
	public record ImageTask(String url, String dataId, Integer interval, Integer maxFrames) {
	}

	private final MediaFetcher fetcher;

	private final BlobStore blobs;

	private final ImageDecoder decoder;

	private final ImageScanner scanner;

	private final ModerationProperties limits;

	private final ExecutorService pool;

	private final Map<Suggestion, Counter> verdicts = new LinkedHashMap<>();

	private final HumanReview humanReview;

	private final PolicyCatalog policies;

	ImageModeration(MediaFetcher fetcher, BlobStore blobs, ImageDecoder decoder, ImageScanner scanner,
			ModerationProperties limits, ImageScanProperties properties, MeterRegistry meters, HumanReview humanReview,
			PolicyCatalog policies) {
		this.fetcher = fetcher;
		this.blobs = blobs;
		this.decoder = decoder;
		this.scanner = scanner;
		this.limits = limits;
		this.humanReview = humanReview;
		this.policies = policies;
		AtomicInteger n = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(properties.concurrency(), properties.concurrency(), 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), r -> {
					Thread t = new Thread(r, "image-scan-" + n.incrementAndGet());
					t.setDaemon(true);
					return t;
				});
		for (Suggestion s : Suggestion.values()) {
			verdicts.put(s,
					Counter.builder("vetter.scans")
						.tag("kind", ContentKind.IMAGE.wire())
						.tag("suggestion", s.wire())
						.description("image scans by machine suggestion")
						.register(meters));
		}
	}

	/** Scans the tasks concurrently (within the pool's bound); results in task order. */
	public List<ModerationResult> scanAll(long tenantId, String bizType, List<ImageTask> tasks, List<String> scenes) {
		return scanAll(tenantId, bizType, tasks, scenes, null);
	}

	/**
	 * As {@link #scanAll(long, String, List, List)}; an escalated task's callbacks are
	 * written in {@code format} (a {@link CallbackFormat} name; null: Green API 1.0).
	 */
	public List<ModerationResult> scanAll(long tenantId, String bizType, List<ImageTask> tasks, List<String> scenes,
			String format) {
		List<Future<ModerationResult>> futures = new ArrayList<>(tasks.size());
		for (ImageTask task : tasks) {
			futures.add(pool.submit(() -> scan(tenantId, bizType, task, scenes, format)));
		}
		List<ModerationResult> out = new ArrayList<>(tasks.size());
		for (int i = 0; i < futures.size(); i++) {
			out.add(await(futures.get(i), tasks.get(i)));
		}
		return out;
	}

	private static ModerationResult await(Future<ModerationResult> future, ImageTask task) {
		try {
			return future.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			return failed(ProblemCode.INTERNAL.greenCode(), "interrupted", task, null);
		}
		catch (ExecutionException e) {
			log.warn("Image task failed unexpectedly", e.getCause());
			return failed(ProblemCode.INTERNAL.greenCode(), "internal error", task, null);
		}
	}

	/** Scans one task on the calling thread (escalated per the bizType's rules). */
	public ModerationResult scan(long tenantId, String bizType, ImageTask task, List<String> scenes) {
		return scan(tenantId, bizType, task, scenes, (String) null);
	}

	/**
	 * As {@link #scan(long, String, ImageTask, List)}; an escalated task's callbacks are
	 * written in {@code format} (a {@link CallbackFormat} name; null: Green API 1.0).
	 */
	public ModerationResult scan(long tenantId, String bizType, ImageTask task, List<String> scenes, String format) {
		String taskId = TaskIds.next(ContentKind.IMAGE);
		String problem = check(task);
		if (problem != null) {
			return failed(ProblemCode.VALIDATION_FAILED.greenCode(), problem, task, null);
		}
		FetchedMedia media;
		try {
			media = fetcher.fetch(task.url(), MediaKind.IMAGE);
		}
		catch (MediaFetchFailed e) {
			return failed(e.greenCode(), e.getMessage(), task, taskId);
		}
		return scanFetched(tenantId, bizType, task, scenes, taskId, media, format);
	}

	/**
	 * Scans an uploaded image (already taken into the blob store, e.g. by
	 * {@code MediaUploads}) on the calling thread, escalated per the bizType's rules; its
	 * bytes are deleted afterwards unless the task was escalated, as a fetched image's
	 * are. The task's {@code url} is ignored.
	 */
	public ModerationResult scanUpload(long tenantId, String bizType, ImageTask task, List<String> scenes,
			FetchedMedia media) {
		String problem = checkSampling(task);
		if (problem != null) {
			blobs.delete(media.blob());
			return failed(ProblemCode.VALIDATION_FAILED.greenCode(), problem, task, null);
		}
		return scanFetched(tenantId, bizType, task, scenes, TaskIds.next(ContentKind.IMAGE), media, null);
	}

	private ModerationResult scanFetched(long tenantId, String bizType, ImageTask task, List<String> scenes,
			String taskId, FetchedMedia media, String format) {
		boolean kept = false;
		try {
			Scanned scanned = analyse(tenantId, bizType, task, scenes, taskId, media.blob());
			kept = scanned.ok() && escalate(tenantId, bizType, task, scanned, media, format);
			return scanned.result();
		}
		finally {
			if (!kept) {
				// a synchronous machine result keeps no bytes; an escalated task owns its
				// image
				blobs.delete(media.blob());
			}
		}
	}

	private boolean escalate(long tenantId, String bizType, ImageTask task, Scanned scanned, FetchedMedia media,
			String format) {
		TextPolicy policy = policies.textPolicy(tenantId, bizType);
		EscalationRules rules = policy.policy().escalation();
		TextVerdict summary = scanned.summary();
		if (!EscalationPolicy.escalates(summary, rules)) {
			return false;
		}
		return humanReview
			.escalateScan(HumanReview.Escalation.image(tenantId, policy.bizType(), task.dataId(), task.url(),
					media.blob().value(), summary, ImageResults.reviewSnapshot(task.url(), scanned.frames()), format),
					scanned.result(), rules);
	}

	/**
	 * The image of an asynchronous job, already in the blob store (the job owns it),
	 * analysed under the job's task id.
	 */
	Scanned scanStored(long tenantId, String bizType, ImageTask task, List<String> scenes, String taskId,
			BlobKey blob) {
		return analyse(tenantId, bizType, task, scenes, taskId, blob);
	}

	/**
	 * An analysed image: the task's result (a per-task error code when it could not be
	 * decoded or analysed) and, when it was, the findings per frame.
	 */
	record Scanned(ModerationResult result, List<ImageFindings> frames) {

		boolean ok() {
			return result.ok();
		}

		/** What escalation rules read; see {@link ImageResults#summary}. */
		TextVerdict summary() {
			return ImageResults.summary(result.taskId(), frames);
		}

	}

	private Scanned analyse(long tenantId, String bizType, ImageTask task, List<String> scenes, String taskId,
			BlobKey blob) {
		DecodedImage image;
		try (InputStream in = blobs.open(blob)) {
			image = decoder.decode(in.readAllBytes(), sampling(task));
		}
		catch (ImageRejected e) {
			int code = e.reason() == ImageRejected.Reason.TOO_LARGE ? 589 : 590;
			return new Scanned(
					failed(code, (code == 589 ? "image too large: " : "bad image: ") + e.getMessage(), task, taskId),
					List.of());
		}
		catch (IOException e) {
			return new Scanned(failed(ProblemCode.INTERNAL.greenCode(), "stored image unreadable", task, taskId),
					List.of());
		}
		List<ImageFindings> frames = new ArrayList<>(image.frames().size());
		try {
			for (DecodedImage.Frame frame : image.frames()) {
				frames.add(scanner.scan(tenantId, bizType, frame, scenes));
			}
		}
		catch (ImageAnalysisFailed e) {
			log.warn("Image task {}: {}", taskId, e.getMessage());
			return new Scanned(failed(ALGO_FAILED, "algorithm failed: " + e.getMessage(), task, taskId), List.of());
		}
		ModerationResult result = ImageResults.of(taskId, task.dataId(), task.url(), scenes, image.frames(), frames);
		verdicts.get(ImageResults.worst(frames)).increment();
		return new Scanned(result, frames);
	}

	/** Why the task cannot be scanned (its URL, its frame parameters), or null. */
	String check(ImageTask task) {
		if (task.url() == null || task.url().isBlank()) {
			return "url is required";
		}
		if (task.url().length() > limits.maxUrlLength()) {
			return "url is at most " + limits.maxUrlLength() + " characters";
		}
		return checkSampling(task);
	}

	private static String checkSampling(ImageTask task) {
		if (task.interval() != null && task.interval() < 1) {
			return "interval must be at least 1";
		}
		if (task.maxFrames() != null && task.maxFrames() < 1) {
			return "maxFrames must be at least 1";
		}
		return null;
	}

	private static FrameSampling sampling(ImageTask task) {
		return new FrameSampling(task.interval() == null ? 1 : task.interval(),
				task.maxFrames() == null ? 1 : Math.min(task.maxFrames(), 100));
	}

	/** The job parameters of an asynchronous image task ({@link ImageJobHandler}). */
	public static String jobParams(tools.jackson.databind.json.JsonMapper json, List<String> scenes, ImageTask task) {
		return ImageJobHandler.params(json, scenes, task.interval(), task.maxFrames());
	}

	static ModerationResult failed(int code, String msg, ImageTask task, String taskId) {
		return ModerationResult.failed(ModerationResult.Failure.ofCode(code, msg), task.dataId(), taskId, task.url());
	}

	@Override
	public void destroy() {
		pool.shutdownNow();
	}

}
