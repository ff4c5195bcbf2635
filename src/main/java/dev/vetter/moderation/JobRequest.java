package dev.vetter.moderation;

import dev.vetter.platform.ContentKind;

/**
 * One task of an asynchronous request, as an adapter (Green or native) hands it over.
 *
 * @param kind which {@link JobHandler} runs it
 * @param url the media to fetch when the job runs, or null when {@code blobKey} holds it
 * @param blobKey media already in the blob store (an upload), or null
 * @param params the kind's own parameters as JSON (scenes, interval, ...); the handler
 * checks them at submit time ({@link JobHandler#validate})
 */
public record JobRequest(ContentKind kind, String bizType, String dataId, String url, String blobKey, String params) {

	public JobRequest {
		params = params == null ? "{}" : params;
	}

}
