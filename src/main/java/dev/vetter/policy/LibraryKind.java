package dev.vetter.policy;

/** What a custom library holds. */
public enum LibraryKind {

	TEXT, IMAGE

}
