package dev.vetter.review;

import java.time.Instant;
import java.util.List;

import dev.vetter.platform.ContentKind;

/**
 * Published when an item has its final verdict (once per item).
 *
 * @param reviews how many human decisions led to it (1, 2, or 3 when a lead settled a
 * disagreement)
 */
public record ReviewDecided(long tenantId, String taskId, ContentKind kind, String suggestion, List<String> labels,
		String note, Instant reviewedAt, int reviews) {
}
