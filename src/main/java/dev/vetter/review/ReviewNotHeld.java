package dev.vetter.review;

import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.VetterException;

/**
 * The caller does not hold a live claim on the item (never claimed it, lease expired, or
 * someone else has it).
 */
public class ReviewNotHeld extends VetterException {

	public ReviewNotHeld(long itemId) {
		super(ProblemCode.CONFLICT, "you do not hold review item " + itemId + " (claim it first; leases expire)");
	}

	public ReviewNotHeld(String message) {
		super(ProblemCode.CONFLICT, message);
	}

}
