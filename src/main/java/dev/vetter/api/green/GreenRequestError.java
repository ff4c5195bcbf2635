package dev.vetter.api.green;

import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.VetterException;

/**
 * A Green request that is authenticated but malformed as a whole; answered with the
 * envelope code.
 */
class GreenRequestError extends VetterException {

	GreenRequestError(ProblemCode code, String message) {
		super(code, message);
	}

}
