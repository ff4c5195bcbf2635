package dev.vetter.platform;

/**
 * The named resource does not exist for this caller (other tenants' resources do not
 * exist either).
 */
public class NotFound extends VetterException {

	public NotFound(String what) {
		super(ProblemCode.NOT_FOUND, what + " not found");
	}

}
