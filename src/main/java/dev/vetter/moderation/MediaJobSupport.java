package dev.vetter.moderation;

import dev.vetter.moderation.internal.Jobs;
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.media.FetchedMedia;
import dev.vetter.platform.media.MediaFetchFailed;
import dev.vetter.platform.media.MediaFetcher;
import dev.vetter.platform.media.MediaKind;

/** What the media job handlers share: getting the job's file into the blob store once. */
final class MediaJobSupport {

	private MediaJobSupport() {
	}

	/**
	 * The job's media in the blob store: the upload, the file fetched by an earlier run,
	 * or fetched now (and recorded on the job, so a retried run does not fetch again).
	 * @throws JobFailed with the fetch's per-task code (480, 589, 590, 592, ...)
	 */
	static BlobKey media(AsyncJob job, MediaFetcher fetcher, Jobs jobs, MediaKind kind) {
		if (job.blobKey() != null) {
			return new BlobKey(job.blobKey());
		}
		try {
			FetchedMedia fetched = fetcher.fetch(job.url(), kind);
			jobs.setBlob(job.taskId(), fetched.blob().value());
			return fetched.blob();
		}
		catch (MediaFetchFailed e) {
			throw new JobFailed(e.greenCode(), e.getMessage(), e);
		}
	}

	/** Where clients and reviewers open the job's media (native API, authenticated). */
	static String mediaPath(String taskId) {
		return "/v1/tasks/" + taskId + "/media";
	}

}
