package dev.vetter.moderation;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.vetter.moderation.internal.Tasks;
import dev.vetter.platform.ContentKind;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.media.FetchedMedia;
import dev.vetter.platform.media.MediaFetchFailed;
import dev.vetter.platform.media.MediaFetcher;
import dev.vetter.platform.media.MediaKind;

/**
 * Fetches the media of a human-only image, video or voice task into the blob store, so
 * reviewers see the media itself, exactly as for escalated media. It runs on
 * {@code worker} nodes (db-scheduler, scheduled in the submission's transaction), through
 * the safe {@link MediaFetcher} (target guard, the kind's size cap and deadline, format
 * sniffed from the bytes). The task's review item is created only when the fetch
 * finished: with the media, or, when it finally failed, with the URL and the reason.
 * Retryable failures (timeouts, connection errors, HTTP 5xx/429) are tried again, up to
 * {@code vetter.jobs.max-attempts} runs {@code vetter.jobs.retry-delay} apart.
 */
@Service
class ManualMedia {

	/** The db-scheduler task; the instance id is the task id. */
	static final String TASK_NAME = "manual-media";

	private static final Logger log = LoggerFactory.getLogger(ManualMedia.class);

	private final Tasks tasks;

	private final MediaFetcher fetcher;

	private final BlobStore blobs;

	private final HumanReview humanReview;

	private final JobProperties properties;

	ManualMedia(Tasks tasks, MediaFetcher fetcher, BlobStore blobs, HumanReview humanReview, JobProperties properties) {
		this.tasks = tasks;
		this.fetcher = fetcher;
		this.blobs = blobs;
		this.humanReview = humanReview;
		this.properties = properties;
	}

	/**
	 * One run for a task: nothing when it no longer waits (a revived or repeated run).
	 * @param failures earlier runs that failed
	 * @throws MediaUnavailable when a retryable failure is to be tried again later
	 */
	void run(String taskId, int failures) {
		Optional<Tasks.Task> waiting = tasks.awaitingMedia(taskId);
		if (waiting.isEmpty()) {
			return;
		}
		Tasks.Task task = waiting.get();
		FetchedMedia fetched;
		try {
			fetched = fetcher.fetch(task.url(), mediaKind(task.kind()));
		}
		catch (MediaFetchFailed e) {
			if (e.retryable() && failures + 1 < properties.maxAttempts()) {
				throw new MediaUnavailable(taskId, e);
			}
			log.info("media of human-only task {} not fetched: {}", taskId, e.getMessage());
			humanReview.mediaFetched(taskId, null, e.getMessage() + " (code " + e.greenCode() + ")");
			return;
		}
		boolean queued;
		try {
			queued = humanReview.mediaFetched(taskId, fetched.blob().value(), null);
		}
		catch (RuntimeException e) {
			blobs.delete(fetched.blob());
			throw e;
		}
		if (!queued) {
			blobs.delete(fetched.blob());
		}
	}

	static MediaKind mediaKind(ContentKind kind) {
		return switch (kind) {
			case IMAGE -> MediaKind.IMAGE;
			case VIDEO -> MediaKind.VIDEO;
			case VOICE -> MediaKind.AUDIO;
			case TEXT -> throw new IllegalArgumentException("text tasks have no media");
		};
	}

	/** A retryable fetch failure: db-scheduler runs the fetch again later. */
	static final class MediaUnavailable extends RuntimeException {

		MediaUnavailable(String taskId, MediaFetchFailed cause) {
			super("media of human-only task " + taskId + " not fetched yet (tried again later): " + cause.getMessage(),
					cause);
		}

	}

}
