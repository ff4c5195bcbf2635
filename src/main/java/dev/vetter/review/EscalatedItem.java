package dev.vetter.review;

import java.time.Instant;
import java.util.List;

/** An item waiting for a lead, with the decisions that disagreed. */
public record EscalatedItem(long id, long tenantId, String taskId, String kind, Instant deadline,
		List<EarlierDecision> decisions) {
}
