package dev.vetter.moderation;

import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.VetterException;

/** The tenant has not bought the manual review service (Green code 596). */
public class ManualReviewDisabled extends VetterException {

	public ManualReviewDisabled() {
		super(ProblemCode.MANUAL_REVIEW_DISABLED,
				"PERMISSION_DENY: manual review is not enabled for this account; ask the service operator to enable it");
	}

}
