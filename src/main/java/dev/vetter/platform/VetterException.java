package dev.vetter.platform;

/**
 * Base of every exception that states a client-visible fact. The message is safe to show
 * to the caller; it never carries internals.
 */
public class VetterException extends RuntimeException {

	private final ProblemCode problem;

	public VetterException(ProblemCode problem, String message) {
		super(message);
		this.problem = problem;
	}

	public ProblemCode problem() {
		return problem;
	}

}
