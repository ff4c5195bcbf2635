package dev.vetter.policy;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tenant's custom library. {@code id} doubles as the Green {@code libCode}.
 *
 * @param entries terms (TEXT) or image hashes (IMAGE)
 * @param maxDistance IMAGE libraries: the largest PDQ Hamming distance (0..255) at which
 * an image matches an entry; null for TEXT libraries
 */
public record Library(long id, long tenantId, String name, LibraryKind kind, LibraryAction action, long entries,
		Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxDistance) {

	public String code() {
		return Long.toString(id);
	}

	/** What a hit carries back as its source. */
	public LibrarySource source() {
		return new LibrarySource(id, name, action);
	}
}
