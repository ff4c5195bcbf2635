package dev.vetter.review;

import java.time.Instant;
import java.util.List;

/**
 * A decision already recorded on an item, as a lead sees it when the double reviewers
 * disagreed.
 */
public record EarlierDecision(long reviewerId, String suggestion, List<String> labels, String note, boolean lead,
		Instant at) {
}
