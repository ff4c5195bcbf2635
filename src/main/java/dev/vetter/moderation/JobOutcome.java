package dev.vetter.moderation;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link JobHandler} found.
 *
 * @param result the machine result in Vetter's own vocabulary (stored, and mapped by each
 * wire API)
 * @param summary the verdict the tenant's escalation rules read: the worst suggestion of
 * the parts, its label and rate, and the findings (library hits for review-library rules)
 * @param reviewSnapshot what reviewers see when the job is escalated (media URLs, flagged
 * frames with offsets, transcript with hit times)
 */
public record JobOutcome(JobResult result, TextVerdict summary, Map<String, Object> reviewSnapshot) {

	public JobOutcome {
		Objects.requireNonNull(result, "result");
		Objects.requireNonNull(summary, "summary");
		Objects.requireNonNull(reviewSnapshot, "reviewSnapshot");
	}

}
