package dev.vetter.review;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.vetter.platform.ContentKind;

/**
 * An item as a reviewer sees it after claiming it.
 *
 * @param content the content snapshot and machine findings (JSON object)
 * @param escalated the double reviewers disagreed; a lead decides
 */
public record ClaimedItem(long id, String taskId, ContentKind kind, @JsonRawValue String content, String criteria,
		List<String> labels, Instant deadline, Instant leaseUntil, int requiredReviews, boolean escalated) {
}
