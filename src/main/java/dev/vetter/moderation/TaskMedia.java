package dev.vetter.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.vetter.moderation.internal.Jobs;
import dev.vetter.moderation.internal.Tasks;
import dev.vetter.platform.blob.BlobKey;
import dev.vetter.platform.blob.BlobMissing;
import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.media.MediaSniffer;
import dev.vetter.platform.media.MediaType;

/**
 * The media a task kept for reviewers: the image an escalated synchronous scan fetched,
 * the media a human-only task's URL pointed to ({@link ManualMedia}), or an asynchronous
 * job's file and flagged video frames. The caller has checked that the task is one its
 * user may see; the tenant is part of every lookup all the same.
 */
@Service
public class TaskMedia {

	/**
	 * A kept blob.
	 *
	 * @param contentType sniffed from the bytes ({@code application/octet-stream} when
	 * unknown), never taken from the server it came from
	 */
	public record Stored(BlobKey key, String contentType) {
	}

	private final Tasks tasks;

	private final Jobs jobs;

	private final BlobStore blobs;

	TaskMedia(Tasks tasks, Jobs jobs, BlobStore blobs) {
		this.tasks = tasks;
		this.jobs = jobs;
		this.blobs = blobs;
	}

	/** The task's media file, if it kept one (and retention has not removed it). */
	public Optional<Stored> media(long tenantId, String taskId) {
		return tasks.blob(tenantId, taskId)
			.or(() -> jobs.blob(tenantId, taskId, "media"))
			.map(BlobKey::new)
			.flatMap(this::stored);
	}

	/** A flagged video frame of the task (a JPEG), by its index in the video. */
	public Optional<Stored> frame(long tenantId, String taskId, int index) {
		return jobs.blob(tenantId, taskId, "frame-" + index).map(BlobKey::new).flatMap(this::stored);
	}

	private Optional<Stored> stored(BlobKey key) {
		byte[] head = new byte[MediaSniffer.HEAD];
		int n;
		try (InputStream in = blobs.open(key)) {
			n = in.readNBytes(head, 0, head.length);
		}
		catch (BlobMissing e) {
			return Optional.empty();
		}
		catch (IOException e) {
			throw new UncheckedIOException("blob store cannot read " + key, e);
		}
		return Optional
			.of(new Stored(key, MediaSniffer.sniff(head, n).map(MediaType::mime).orElse("application/octet-stream")));
	}

}
