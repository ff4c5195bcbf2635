package dev.vetter.policy;

/** What a hit on a library means. */
public enum LibraryAction {

	/** the content is blocked */
	BLOCK,
	/** the content goes to review */
	REVIEW,
	/** allow-list: hits of other detections overlapping this entry are suppressed */
	PASS

}
