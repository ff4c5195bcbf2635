package dev.vetter.platform.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

import dev.vetter.platform.blob.BlobStore;
import dev.vetter.platform.blob.StoredBlob;

/**
 * The part downloads and uploads share: read the head, sniff the format, refuse what the
 * kind does not take, then stream the rest into the blob store (never the whole file in
 * memory).
 */
final class MediaIntake {

	/** A failure decided while reading (the caller turns it into the exception). */
	record Outcome(FetchedMedia media, FetchFailure failure, String message) {
	}

	private MediaIntake() {
	}

	static Outcome store(InputStream in, MediaKind kind, BlobStore blobs, String source) throws IOException {
		byte[] head = in.readNBytes(MediaSniffer.HEAD);
		if (head.length == 0) {
			return new Outcome(null, FetchFailure.DOWNLOAD_FAILED, "the file is empty");
		}
		MediaType type = MediaSniffer.sniff(head).orElse(null);
		if (type == null) {
			return new Outcome(null, FetchFailure.BAD_FORMAT,
					"not a supported " + kind.name().toLowerCase(java.util.Locale.ROOT) + " format");
		}
		if (!kind.allows(type)) {
			return new Outcome(null, FetchFailure.BAD_FORMAT, "a " + type.mime() + " file is not "
					+ (kind == MediaKind.IMAGE ? "an " : "a ") + kind.name().toLowerCase(java.util.Locale.ROOT));
		}
		StoredBlob blob = blobs.put(new SequenceInputStream(new ByteArrayInputStream(head), in));
		return new Outcome(new FetchedMedia(blob.key(), type, blob.size(), blob.sha256(), source), null, null);
	}

}
