package dev.vetter.policy;

import java.time.Instant;

/** A tenant's custom library. {@code id} doubles as the Green {@code libCode}. */
public record Library(long id, long tenantId, String name, LibraryKind kind, LibraryAction action, long entries,
		Instant createdAt) {

	public String code() {
		return Long.toString(id);
	}

	/** What a text hit carries back as its source. */
	public LibrarySource source() {
		return new LibrarySource(id, name, action);
	}
}
