package dev.vetter.platform;

/**
 * The request is well-formed JSON but breaks a rule (missing field, out of range, bad
 * format).
 */
public class InvalidInput extends VetterException {

	public InvalidInput(String message) {
		super(ProblemCode.VALIDATION_FAILED, message);
	}

	public InvalidInput(ProblemCode code, String message) {
		super(code, message);
	}

}
