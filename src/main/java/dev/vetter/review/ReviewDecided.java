package dev.vetter.review;

import java.time.Instant;
import java.util.List;

/**
 * Published when an item has its final verdict (once per item).
 *
 * @param reviews how many human decisions led to it (1, 2, or 3 when a lead settled a
 * disagreement)
 */
public record ReviewDecided(long tenantId, String taskId, String kind, String suggestion, List<String> labels,
		String note, Instant reviewedAt, int reviews) {
}
