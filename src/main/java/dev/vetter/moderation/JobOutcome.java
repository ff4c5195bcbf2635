package dev.vetter.moderation;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link JobHandler} found.
 *
 * @param result the kind's own fields of the task's result document ({@code results},
 * {@code audioScanResults}, ...); {@code code}, {@code msg}, {@code dataId},
 * {@code taskId} and {@code url} are added by {@link AsyncJobs}
 * @param summary the verdict the tenant's escalation rules read: the worst suggestion of
 * the parts, its label and rate, and the findings (library hits for review-library rules)
 * @param reviewSnapshot what reviewers see when the job is escalated (media URLs, flagged
 * frames with offsets, transcript with hit times)
 */
public record JobOutcome(Map<String, Object> result, TextVerdict summary, Map<String, Object> reviewSnapshot) {

	public JobOutcome {
		Objects.requireNonNull(result, "result");
		Objects.requireNonNull(summary, "summary");
		Objects.requireNonNull(reviewSnapshot, "reviewSnapshot");
	}

}
