package dev.vetter.review;

import dev.vetter.platform.ProblemCode;

/**
 * The item was withdrawn because its task was cancelled: no verdict is recorded for it,
 * whoever holds it.
 */
public class ReviewWithdrawn extends ReviewAlreadyDecided {

	public ReviewWithdrawn(long itemId) {
		super(itemId, "review item " + itemId
				+ " was withdrawn: its task was cancelled, so no verdict is recorded or delivered for it");
	}

}
