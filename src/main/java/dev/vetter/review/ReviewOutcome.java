package dev.vetter.review;

/** What a decision led to. */
public enum ReviewOutcome {

	/** more independent reviews are needed; the item is back in the queue */
	NEEDS_MORE,
	/** the double reviewers disagreed; the item waits for a lead */
	ESCALATED,
	/** the item has its final verdict */
	FINAL

}
