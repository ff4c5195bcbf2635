package dev.vetter.review;

import java.time.Instant;
import java.util.List;

import dev.vetter.platform.ContentKind;

/**
 * An item for the queue.
 *
 * @param tenantId whose content it is
 * @param taskId the moderation task it decides (unique)
 * @param kind what the task holds
 * @param contentJson what reviewers see: content snapshot and machine findings, as a JSON
 * object
 * @param criteria the tenant's review criteria
 * @param allowedLabels labels reviewers may choose
 * @param priority higher first among equal deadlines
 * @param deadline when the SLA runs out; the queue serves earliest deadline first
 * @param requiredReviews 1, or 2 for double review
 */
public record ReviewSubmission(long tenantId, String taskId, ContentKind kind, String contentJson, String criteria,
		List<String> allowedLabels, int priority, Instant deadline, int requiredReviews) {
}
