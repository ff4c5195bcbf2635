package dev.vetter.policy;

/** The library a term came from, as carried on text hits. */
public record LibrarySource(long id, String name, LibraryAction action) {

	public String code() {
		return Long.toString(id);
	}
}
