package dev.vetter.platform;

/**
 * The stable error vocabulary. {@code code} is what native clients see in problem+json;
 * {@code httpStatus} is the native status; {@code greenCode} is the Alibaba envelope code
 * the Green adapter uses.
 */
public enum ProblemCode {

	BAD_REQUEST("bad-request", 400, 400), MALFORMED_JSON("malformed-json", 400, 400),
	VALIDATION_FAILED("validation-failed", 400, 400), UNSUPPORTED_SCENE("unsupported-scene", 400, 401),
	TOO_MANY_TASKS("too-many-tasks", 400, 589), TOO_LARGE("too-large", 413, 589),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, 400), NOT_ACCEPTABLE("not-acceptable", 406, 400),
	UNAUTHENTICATED("unauthenticated", 401, 401), FORBIDDEN("forbidden", 403, 403), NOT_FOUND("not-found", 404, 404),
	METHOD_NOT_ALLOWED("method-not-allowed", 405, 400), CONFLICT("conflict", 409, 400),
	MANUAL_REVIEW_DISABLED("manual-review-disabled", 403, 596), EXPIRED("expired", 410, 594),
	TOO_MANY_REQUESTS("too-many-requests", 429, 588),
	/** a tenant uid in a request body names no tenant (operators' user administration) */
	UNKNOWN_TENANT("unknown-tenant", 400, 400),
	/** the media could not be downloaded, or its URL (or a redirect) is refused */
	MEDIA_UNAVAILABLE("media-unavailable", 422, 480),
	/** the media did not download within the kind's deadline */
	MEDIA_TIMEOUT("media-timeout", 422, 592),
	/** the bytes are not a supported format of the kind, or corrupt */
	BAD_MEDIA("bad-media", 422, 590),
	/** a job ran past its time limit */
	TIME_LIMIT("time-limit", 422, 581),
	/** a detector could not run (busy or failing); try again */
	ANALYSIS_FAILED("analysis-failed", 503, 586), INTERNAL("internal-error", 500, 500);

	private final String code;

	private final int httpStatus;

	private final int greenCode;

	ProblemCode(String code, int httpStatus, int greenCode) {
		this.code = code;
		this.httpStatus = httpStatus;
		this.greenCode = greenCode;
	}

	public String code() {
		return code;
	}

	public int httpStatus() {
		return httpStatus;
	}

	public int greenCode() {
		return greenCode;
	}

	/**
	 * The code for a Green per-task code (a media task's failure, or 594 past retention):
	 * 480, 592, 589, 590 and 595, 581, 586, 594, 400; anything else is {@link #INTERNAL}.
	 */
	public static ProblemCode ofGreenTaskCode(int greenCode) {
		return switch (greenCode) {
			case 400 -> VALIDATION_FAILED;
			case 480 -> MEDIA_UNAVAILABLE;
			case 592 -> MEDIA_TIMEOUT;
			case 589 -> TOO_LARGE;
			case 590, 595 -> BAD_MEDIA;
			case 581 -> TIME_LIMIT;
			case 586 -> ANALYSIS_FAILED;
			case 594 -> EXPIRED;
			default -> INTERNAL;
		};
	}

}
