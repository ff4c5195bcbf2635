package dev.vetter.review;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The review queue at a glance, for operators.
 *
 * @param queues open items per tenant and content kind
 * @param turnaroundP50 median time from arrival to final verdict over the last day, null
 * when nothing was decided
 * @param turnaroundP95 95th percentile of the same
 * @param decidedLastDay final verdicts over the last day
 * @param reviewerHours decisions per reviewer per hour over the last day, newest hour
 * first
 */
public record QueueDashboard(List<Queue> queues, Duration turnaroundP50, Duration turnaroundP95, long decidedLastDay,
		List<ReviewerHour> reviewerHours) {

	/**
	 * @param tenantId the tenant's internal id
	 * @param pending items waiting for a review
	 * @param escalated items waiting for a lead
	 * @param oldestArrival when the oldest open item arrived
	 * @param atRisk open items whose deadline falls within the risk window (not yet past)
	 * @param overdue open items past their deadline
	 */
	public record Queue(long tenantId, String kind, long pending, long escalated, Instant oldestArrival, long atRisk,
			long overdue) {
	}

	/** Decisions of one reviewer (user id) in the hour starting at {@code hour}. */
	public record ReviewerHour(long reviewerId, Instant hour, long decisions) {
	}

}
