package dev.vetter.platform.blob;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a blob lives in its store: {@code xx/<uuid>}, where {@code xx} is the first two
 * hex digits of the id (so no folder holds more than 1/256 of the blobs). Stored with the
 * task that owns the blob; validated on the way in, so a key read back from the database
 * can never name a path outside the store.
 */
public record BlobKey(String value) {

	private static final Pattern FORM = Pattern
		.compile("[0-9a-f]{2}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	public BlobKey {
		if (value == null || !FORM.matcher(value).matches()) {
			throw new IllegalArgumentException("not a blob key: " + value);
		}
	}

	public static BlobKey random() {
		String id = UUID.randomUUID().toString();
		return new BlobKey(id.substring(0, 2) + "/" + id);
	}

	@Override
	public String toString() {
		return value;
	}

}
