package dev.vetter.platform;

/** The caller is authenticated but lacks the role for this action. */
public class AccessDenied extends VetterException {

	public AccessDenied(String message) {
		super(ProblemCode.FORBIDDEN, message);
	}

}
