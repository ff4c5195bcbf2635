package dev.vetter.review;

import java.time.Instant;

/**
 * The review queue of one tenant, for operators watching SLAs.
 *
 * @param tenantUid the tenant's uid
 * @param pending items waiting for a review (some may be claimed)
 * @param escalated items waiting for a lead
 * @param overdue open items past their deadline
 * @param claimed open items under a live lease
 * @param oldestDeadline the earliest deadline among open items
 */
public record QueueStats(long tenantUid, long pending, long escalated, long overdue, long claimed,
		Instant oldestDeadline) {
}
