package dev.vetter.review;

import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.VetterException;

/** The item has its final verdict already, or was withdrawn. */
public class ReviewAlreadyDecided extends VetterException {

	public ReviewAlreadyDecided(long itemId) {
		super(ProblemCode.CONFLICT, "review item " + itemId + " is decided already");
	}

	protected ReviewAlreadyDecided(long itemId, String message) {
		super(ProblemCode.CONFLICT, message);
	}

}
